import { CfnResource, type Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * How many subscription filters CloudFormation creates or updates at once. It starts every
 * resource it can in parallel, and PutSubscriptionFilter is throttled when about 70 arrive
 * together (aws-cdk#34679): the deploy then fails and rolls back.
 */
export const FILTERS_AT_ONCE = 5;

/** CloudFormation's quota of resources in one stack. */
export const MAX_STACK_RESOURCES = 500;

/**
 * Chains `filters` so that at most FILTERS_AT_ONCE are in progress: filter i waits for filter
 * i - FILTERS_AT_ONCE (a DependsOn, which changes nothing in AWS for a filter that exists).
 */
export function throttleCreation(filters: readonly IConstruct[]): void {
  for (const [index, filter] of filters.entries()) {
    const before = filters[index - FILTERS_AT_ONCE];
    if (before) filter.node.addDependency(before);
  }
}

/** The stack holds more than CloudFormation accepts: its message is the whole story, printed without a stack trace. */
export class StackTooLargeError extends Error {
  override readonly name = 'StackTooLargeError';
}

/**
 * The resources the stack's template will hold: those declared so far, and the CDKMetadata
 * resource aws-cdk-lib adds at synth when version reporting is on (the CLI's default; the
 * `aws:cdk:version-reporting` context, or the stack's analyticsReporting prop).
 */
export function templateResourceCount(stack: Stack): number {
  const declared = stack.node.findAll().filter((construct) => CfnResource.isCfnResource(construct) && construct.stack === stack).length;
  const metadata = stack._versionReportingEnabled && !stack.node.tryFindChild('CDKMetadata') ? 1 : 0;
  return declared + metadata;
}

/** Refuses, at synth, a stack CloudFormation would refuse at deploy: more than 500 resources. */
export function checkStackSize(stack: Stack, subscriptionCount: number): void {
  const resources = templateResourceCount(stack);
  if (resources <= MAX_STACK_RESOURCES) return;
  throw new StackTooLargeError(
    `${stack.stackName}: ${subscriptionCount} subscriptions in lib/subscriptions.ts take ${resources} CloudFormation resources; one stack holds at most ${MAX_STACK_RESOURCES}. ` +
      'Subscribe the log groups by name prefix (one subscriber, any number of groups: yo log-lambda:filter --log-group-prefix <prefix>) instead, or the whole account from a project of its own (npm create log-lambda@latest -- --account-policy).',
  );
}
