// The subscription filters of this project, one entry each; the stack creates them in this order.
// `yo log-lambda:filter` appends entries here (and to .yo-rc.json, tests and README): prefer it to
// editing by hand, since it checks names, quotas and patterns. It refuses to touch this file once
// it no longer matches .yo-rc.json.

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

/** AWS's quota of subscription filters per log group (2 in the API reference; raise it in .yo-rc.json too). */
export const maxFiltersPerLogGroup = <%- maxFiltersPerLogGroup %>;
