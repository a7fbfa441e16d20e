/**
 * The marker in the name of every log group a log-lambda function writes to, whichever stack
 * made it: `/aws/lambda/log-lambda/<stack>/<function>`. Subscribing one of them would deliver a
 * function's own logs to a function that logs what it receives: the stack's own group loops at
 * once, another stack's group loops through that stack (two prefix stacks on /aws/lambda/, or an
 * account policy beside another log-lambda stack). So no log group under the marker is ever
 * subscribed: the prefix subscriber skips them, and a subscription by name or a prefix under it
 * is refused at synth.
 */
export const OWN_LOG_GROUP_MARKER = <%- tsString(ownLogGroupMarker) %>;

/** The log groups a stack's own functions write to. */
export function ownLogGroups(stackName: string): { echo: string; subscriber: string } {
  return { echo: `${OWN_LOG_GROUP_MARKER}${stackName}/echo`, subscriber: `${OWN_LOG_GROUP_MARKER}${stackName}/subscriber` };
}

/** Whether `logGroupName` is a log-lambda function's own log group, of this stack or any other. */
export function isLogLambdaLogGroup(logGroupName: string): boolean {
  return logGroupName.startsWith(OWN_LOG_GROUP_MARKER);
}

/** The stack's name in bin/<%- projectName %>.ts, for the local tools. */
export const DEFAULT_STACK_NAME = '<%- stackName %>';
