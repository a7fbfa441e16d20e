// The subscription filters of this project, one entry each; the stack creates them in this order.
// This file is the one list of them: edit, comment and reformat it as you like.
// `yo log-lambda:filter` reads it as TypeScript and appends an entry to the array below, keeping
// everything else as you wrote it; it checks names, quotas and patterns first.

/** One CloudWatch Logs subscription filter that sends matching log events to the function. */
export interface Subscription {
  /** The filter's name in AWS and its construct id. Never rename a deployed one: CloudFormation would replace it. */
  readonly name: string;
  readonly logGroupName: string;
  /** CloudWatch Logs filter pattern; "" forwards every event. */
  readonly filterPattern: string;
  /** true: this stack creates the log group (with retention); false: it exists already. */
  readonly createLogGroup: boolean;
}

export const subscriptions: readonly Subscription[] = [
<% for (const s of subscriptions) { -%>
  {
    name: <%- tsString(s.name) %>,
    logGroupName: <%- tsString(s.logGroupName) %>,
    filterPattern: <%- tsString(s.filterPattern) %>,
    createLogGroup: <%- s.createLogGroup %>,
  },
<% } -%>
];
