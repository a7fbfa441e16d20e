/**
 * Subscriptions by name (`{ logGroupName }` in lib/subscriptions.ts): a subscription filter on
 * each log group, created at most 5 at a time, and their delivery alarms, 2 per 10 subscriptions.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { MathExpression, Metric, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { FilterPattern, LogGroup, RetentionDays, SubscriptionFilter, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import { LambdaDestination } from 'aws-cdk-lib/aws-logs-destinations';
import type { Construct, IConstruct } from 'constructs';
import { FIVE_MINUTES, metricFilterName } from './alarms.js';
import { ConfigurationError, constructIds, isLogLambdaLogGroup, isNamed, OWN_LOG_GROUP_MARKER, type FeatureProps, type NamedSubscription } from './rules.js';

export interface NamedSubscriptionsProps extends FeatureProps {
  /** AWS's quota of subscription filters per log group. */
  readonly maxFiltersPerLogGroup: number;
}

/**
 * How many subscription filters CloudFormation creates or updates at once. It starts every
 * resource it can in parallel, and PutSubscriptionFilter is throttled when about 70 arrive
 * together (aws-cdk#34679): the deploy then fails and rolls back.
 */
export const FILTERS_AT_ONCE = 5;

/** The most metrics one alarm's math expression may use. */
export const METRICS_PER_ALARM = 10;

/**
 * A subscription filter for each subscription to a named log group, each after the permission
 * that lets CloudWatch Logs invoke the function. The construct id and FilterName depend on the
 * name alone, so adding a subscription never replaces an existing filter.
 */
export function subscribeByName({ scope, wanted, ids, destination, permission, alarms, maxFiltersPerLogGroup }: NamedSubscriptionsProps): void {
  const named = wanted.flatMap((subscription, index) => (isNamed(subscription) ? [{ subscription, id: ids[index]! }] : []));
  checkNamed(
    named.map((n) => n.subscription),
    maxFiltersPerLogGroup,
  );
  const target = new LambdaDestination(destination, { addPermissions: false });
  const logGroups = new Map<string, ILogGroup>();
  const logGroupIds = constructIds(named.map((n) => n.subscription.logGroupName));
  const filters = named.map(({ subscription, id }, index) => {
    const { name, logGroupName, filterPattern } = subscription;
    const logGroup = logGroups.get(logGroupName) ?? logGroupFor(scope, subscription, `LogGroup ${logGroupIds[index]}`);
    logGroups.set(logGroupName, logGroup);
    const filter = new SubscriptionFilter(scope, `Subscription ${id}`, { logGroup, filterName: name, filterPattern: FilterPattern.literal(filterPattern), destination: target });
    filter.node.addDependency(permission);
    return filter;
  });
  throttleCreation(filters);

  // One alarm sums the metrics of up to 10 subscriptions (CloudWatch's most per alarm), so 200
  // subscriptions take 40 alarms, not 400, and the stack stays under CloudFormation's 500 resources.
  const subscriptions = named.map((n) => n.subscription);
  for (let first = 0; first < subscriptions.length; first += METRICS_PER_ALARM) {
    const group = subscriptions.slice(first, first + METRICS_PER_ALARM);
    // Ids stay when subscriptions are appended: the first group's alarms keep their plain name.
    const which = first === 0 ? '' : ` ${first / METRICS_PER_ALARM + 1}`;
    alarms.deliveryAlarms('Delivery', which, `filters ${group.map((s) => `${s.name} on ${s.logGroupName}`).join(', ')}`, (metricName) => deliveryMetric(metricName, group));
  }
}

function logGroupFor(scope: Construct, { logGroupName, createLogGroup }: NamedSubscription, id: string): ILogGroup {
  if (!createLogGroup) return LogGroup.fromLogGroupName(scope, id, logGroupName);
  return new LogGroup(scope, id, { logGroupName, retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.RETAIN });
}

/** Refuses, at synth, what CloudFormation would fail on only after minutes of deploying, or what would loop. */
function checkNamed(named: readonly NamedSubscription[], maxFiltersPerLogGroup: number): void {
  const perGroup = new Map<string, NamedSubscription[]>();
  for (const subscription of named) {
    const { name, logGroupName } = subscription;
    if (isLogLambdaLogGroup(logGroupName)) {
      throw new ConfigurationError(
        `Subscription "${name}" subscribes the echo function to ${logGroupName}, a log-lambda function's own log group (${OWN_LOG_GROUP_MARKER}...): every invocation would invoke a function again, forever. Choose another log group.`,
      );
    }
    const group = [...(perGroup.get(logGroupName) ?? []), subscription];
    perGroup.set(logGroupName, group);
    if (group.length > maxFiltersPerLogGroup) {
      throw new ConfigurationError(
        `Log group ${logGroupName} has ${group.length} subscription filters (${group.map((s) => s.name).join(', ')}); AWS allows ${maxFiltersPerLogGroup} per log group.`,
      );
    }
    if (group.some((s) => s.createLogGroup !== subscription.createLogGroup)) {
      throw new ConfigurationError(`Subscriptions to ${logGroupName} disagree on createLogGroup; set it the same on all of them.`);
    }
  }
}

/**
 * Chains `filters` so that at most FILTERS_AT_ONCE are in progress: filter i waits for filter
 * i - FILTERS_AT_ONCE (a DependsOn, which changes nothing in AWS for a filter that exists).
 */
function throttleCreation(filters: readonly IConstruct[]): void {
  for (const [index, filter] of filters.entries()) {
    const before = filters[index - FILTERS_AT_ONCE];
    if (before) filter.node.addDependency(before);
  }
}

/** The sum of a CloudWatch Logs delivery metric over `subscriptions` (at most 10), per five minutes. */
function deliveryMetric(metricName: string, subscriptions: readonly NamedSubscription[]): IMetric {
  const metrics = subscriptions.map(
    ({ name, logGroupName }) =>
      new Metric({
        namespace: 'AWS/Logs',
        metricName,
        dimensionsMap: { LogGroupName: logGroupName, DestinationType: 'Lambda', FilterName: metricFilterName(name) },
        period: FIVE_MINUTES,
        statistic: 'Sum',
      }),
  );
  return new MathExpression({
    expression: 'SUM(METRICS())',
    usingMetrics: Object.fromEntries(metrics.map((metric, index) => [`m${index}`, metric])),
    label: metricName,
    period: FIVE_MINUTES,
  });
}
