// The subscriptions of this project, one entry each; the stack creates them in this order.
// This file is the one list of them: edit, comment and reformat it as you like.
// `yo log-lambda:filter` reads it as TypeScript and appends an entry to the array below, keeping
// everything else as you wrote it; it checks names, quotas and patterns first.

import type { AccountSubscription, NamedSubscription, PrefixSubscription } from './subscription-kinds.js';

/**
 * What sends matching log events to the function, one of (see lib/subscription-kinds.ts):
 * - `{ name, logGroupName, filterPattern, createLogGroup }`: a subscription filter on one log group;
 * - `{ name, logGroupNamePrefix, filterPattern }`: the same filter on every log group whose name
 *   starts with the prefix, now and later (the stack's subscriber function puts it there);
 * - `{ name, accountPolicy: true, filterPattern }`: every log group of the account and region,
 *   through one account-level subscription filter policy.
 */
export type Subscription = NamedSubscription | PrefixSubscription | AccountSubscription;

export const subscriptions: readonly Subscription[] = [
<% for (const s of subscriptions) { -%>
  {
    name: <%- tsString(s.name) %>,
<% if ('logGroupName' in s) { -%>
    logGroupName: <%- tsString(s.logGroupName) %>,
<% } else if ('logGroupNamePrefix' in s) { -%>
    logGroupNamePrefix: <%- tsString(s.logGroupNamePrefix) %>,
<% } else { -%>
    accountPolicy: true,
<% } -%>
    filterPattern: <%- tsString(s.filterPattern) %>,
<% if ('logGroupName' in s) { -%>
    createLogGroup: <%- s.createLogGroup %>,
<% } -%>
  },
<% } -%>
];
