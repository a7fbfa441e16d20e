import { Stack } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnAccountPolicy } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { AccountSubscription } from './subscription-kinds.js';

export interface AccountPolicyProps {
  readonly subscription: AccountSubscription;
  readonly destination: IFunction;
  /** Log groups the policy leaves out: the stack's own (the function would invoke itself) and lib/settings.ts's excludedLogGroups. */
  readonly excludedLogGroups: readonly string[];
}

/**
 * `LogGroupName NOT IN ["a", "b"]`: the only selection CloudWatch Logs accepts for a
 * subscription filter policy. Names are JSON strings, as in AWS's examples.
 */
export function selectionCriteria(excludedLogGroups: readonly string[]): string {
  return `LogGroupName NOT IN [${[...new Set(excludedLogGroups)].map((name) => JSON.stringify(name)).join(', ')}]`;
}

/**
 * An account-level subscription filter policy: every log group of the account and region, but
 * the excluded ones, sends the events the pattern matches to the function. aws-cdk-lib has only
 * the CloudFormation resource (L1) for it. An account holds one such policy per region.
 */
export function accountSubscriptionPolicy(scope: Construct, id: string, { subscription, destination, excludedLogGroups }: AccountPolicyProps): CfnAccountPolicy {
  return new CfnAccountPolicy(scope, id, {
    policyName: subscription.name,
    policyType: 'SUBSCRIPTION_FILTER_POLICY',
    scope: 'ALL',
    policyDocument: Stack.of(scope).toJsonString({
      DestinationArn: destination.functionArn,
      FilterPattern: subscription.filterPattern,
      // Random spreads the account's streams over the function's concurrent invocations.
      Distribution: 'Random',
    }),
    selectionCriteria: selectionCriteria(excludedLogGroups),
  });
}
