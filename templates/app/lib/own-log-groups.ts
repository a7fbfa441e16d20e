/**
 * The log groups a stack's own functions write to. Subscribing one of them would invoke the
 * function with its own logs, forever: the prefix subscriber and the account policy never do, and
 * a subscription by name to one is refused at synth.
 */
export function ownLogGroups(stackName: string): { echo: string; subscriber: string } {
  return { echo: `/aws/lambda/${stackName}-echo`, subscriber: `/aws/lambda/${stackName}-subscriber` };
}

/** The stack's name in bin/<%- projectName %>.ts, for the local tools. */
export const DEFAULT_STACK_NAME = '<%- stackName %>';
