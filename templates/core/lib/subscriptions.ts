// Yours: the subscriptions of this project, one entry each; the stack creates them in this order.
// Edit, comment and reformat it as you like. `yo log-lambda:filter` (or `npm create
// log-lambda@latest -- --add-filter`) reads it as TypeScript and appends an entry to the array
// below, keeping everything else as you wrote it; it checks names, quotas and patterns first.

import type { Subscription } from './log-lambda/rules.js';

/**
 * What sends matching log events to the function, one of (see lib/log-lambda/rules.ts):
 * - `{ name, logGroupName, filterPattern, createLogGroup }`: a subscription filter on one log group;
 * - `{ name, logGroupNamePrefix, filterPattern }`: the same filter on every log group whose name
 *   starts with the prefix, now and later (the stack's subscriber function puts it there);
 * - `{ name, accountPolicy: true, filterPattern }`: every log group of the account and region,
 *   through one account-level subscription filter policy.
 * Each kind takes a part of lib/log-lambda/ that a project holds once it has such an entry:
 * add one with the command above, which brings it in.
 */
export const subscriptions: readonly Subscription[] = [
<% for (const s of subscriptions) { -%>
  {
    <%- tsField('name', tsString(s.name), '    ') %>,
<% if ('logGroupName' in s) { -%>
    <%- tsField('logGroupName', tsString(s.logGroupName), '    ') %>,
<% } else if ('logGroupNamePrefix' in s) { -%>
    <%- tsField('logGroupNamePrefix', tsString(s.logGroupNamePrefix), '    ') %>,
<% } else { -%>
    accountPolicy: true,
<% } -%>
    <%- tsField('filterPattern', tsString(s.filterPattern), '    ') %>,
<% if ('logGroupName' in s) { -%>
    createLogGroup: <%- s.createLogGroup %>,
<% } -%>
  },
<% } -%>
];
