/**
 * The account (`{ accountPolicy: true }` in lib/subscriptions.ts): one account-level subscription
 * filter policy, and its delivery alarms.
 */
import { Stack } from 'aws-cdk-lib';
import { CfnAccountPolicy } from 'aws-cdk-lib/aws-logs';
import { deliveryQuery, insightsString } from './alarms.js';
import { ConfigurationError, isAccount, type FeatureProps } from './rules.js';

export interface AccountPolicyProps extends FeatureProps {
  /** Log groups the policy leaves out: the stack's own (the function would invoke itself) and excludedLogGroups. */
  readonly excludedLogGroups: readonly string[];
}

/**
 * The account policy's delivery metrics carry the dimension PolicyLevel=AccountPolicy, its only
 * value ("Dimensions for CloudWatch Logs metrics",
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CloudWatch-Logs-Monitoring-CloudWatch-Metrics.html).
 */
export const ACCOUNT_POLICY_LEVEL = 'AccountPolicy';

/**
 * `LogGroupName NOT IN ["a", "b"]`: the only selection CloudWatch Logs accepts for a
 * subscription filter policy. Names are JSON strings, as in AWS's examples.
 */
export function selectionCriteria(excludedLogGroups: readonly string[]): string {
  return `LogGroupName NOT IN [${[...new Set(excludedLogGroups)].map((name) => JSON.stringify(name)).join(', ')}]`;
}

/**
 * An account-level subscription filter policy: every log group of the account and region, but
 * the excluded ones, sends the events the pattern matches to the function, after the permission
 * exists. aws-cdk-lib has only the CloudFormation resource (L1) for it. An account holds one such
 * policy per region.
 */
export function subscribeAccount({ scope, wanted, destination, permission, alarms, excludedLogGroups }: AccountPolicyProps): void {
  const subscription = wanted.find(isAccount);
  if (!subscription) return;
  if (wanted.length > 1) {
    throw new ConfigurationError(
      `Subscription "${subscription.name}" is an account policy: it covers every log group, so other subscriptions would deliver the same events twice. Keep it alone in lib/subscriptions.ts, or remove it.`,
    );
  }
  const policy = new CfnAccountPolicy(scope, 'AccountPolicy', {
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
  policy.node.addDependency(permission);
  // The account policy has no filter: a Metrics Insights query sums the metric over its dimension.
  const where = `PolicyLevel = ${insightsString(ACCOUNT_POLICY_LEVEL)}`;
  alarms.deliveryAlarms('AccountPolicyDelivery', '', `account policy ${subscription.name}`, (metricName) => deliveryQuery(metricName, where));
}
