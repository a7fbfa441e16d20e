/**
 * Subscriptions by prefix (`{ logGroupNamePrefix }` in lib/subscriptions.ts): the subscriber
 * function that keeps every log group under each prefix subscribed (src/log-lambda/subscriber.ts),
 * its rules, role and alarms, and the prefixes' delivery alarms.
 */
import { fileURLToPath } from 'node:url';
import { ArnFormat, Aws, CustomResource, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct, type IConstruct } from 'constructs';
import { deliveryQuery, insightsString, metricFilterName, type EchoAlarms } from './alarms.js';
import { bundledCode } from './bundled-code.js';
import { ConfigurationError, isLogLambdaLogGroup, isPrefix, OWN_LOG_GROUP_MARKER, type FeatureProps, type PrefixSubscription } from './rules.js';

/** A log group ARN as cdk-nag writes it in a finding: what is not known at synth as <AWS::Name>. */
function findingArn(stack: Stack, resourceName: string): string {
  const part = (value: string, name: string) => (Token.isUnresolved(value) ? `<AWS::${name}>` : value);
  return `arn:${part(stack.partition, 'Partition')}:logs:${part(stack.region, 'Region')}:${part(stack.account, 'AccountId')}:log-group:${resourceName}`;
}

/** Where the subscriber's metrics go (GroupsSubscribed, GroupsSkippedAtLimit; dimension FilterName). */
export const METRIC_NAMESPACE = 'LogLambda/Subscriber';

/**
 * The file beside the subscriber's code that holds its prefixes and excluded log groups. In the
 * environment they would not fit: Lambda allows 4 KB of variables in all, a few dozen entries.
 */
export const CONFIG_FILE = 'subscriber-config.json';

/** What the subscriber reads from CONFIG_FILE (src/log-lambda/subscriber.ts's FileConfig). */
export function subscriberConfigFile(subscriptions: readonly PrefixSubscription[], excludedLogGroups: readonly string[]): string {
  return `${JSON.stringify(
    {
      excludedLogGroups: [...new Set(excludedLogGroups)],
      subscriptions: subscriptions.map(({ name, logGroupNamePrefix, filterPattern }) => ({ filterName: name, logGroupNamePrefix, filterPattern })),
    },
    null,
    2,
  )}\n`;
}

export interface PrefixSubscriptionsProps extends FeatureProps {
  /** The stack's own log groups: the subscriber writes to one, and subscribes neither. */
  readonly own: { echo: string; subscriber: string };
  /** Never subscribed either: excludedLogGroups. */
  readonly excludedLogGroups: readonly string[];
  readonly maxFiltersPerLogGroup: number;
  readonly topic?: ITopic;
}

/**
 * The subscriber for the prefix entries of `wanted`, and their delivery alarms: a Metrics Insights
 * query sums each metric over whatever carries the filter's name (every group under the prefix,
 * including later ones).
 */
export function subscribeByPrefix({ scope, wanted, ids, destination, permission, alarms, own, excludedLogGroups, maxFiltersPerLogGroup, topic }: PrefixSubscriptionsProps): void {
  const prefixed = wanted.flatMap((subscription, index) => (isPrefix(subscription) ? [{ subscription, id: ids[index]! }] : []));
  if (prefixed.length === 0) return;
  for (const { subscription } of prefixed) {
    if (isLogLambdaLogGroup(subscription.logGroupNamePrefix)) {
      throw new ConfigurationError(
        `Subscription "${subscription.name}" subscribes log groups under ${subscription.logGroupNamePrefix}, where only log-lambda functions write (${OWN_LOG_GROUP_MARKER}...): the subscriber never subscribes them (a function would invoke itself with its own logs). Choose another prefix.`,
      );
    }
  }
  new PrefixSubscriber(scope, 'PrefixSubscriber', {
    subscriptions: prefixed.map((p) => p.subscription),
    ids: prefixed.map((p) => p.id),
    destination,
    permission,
    logGroupName: own.subscriber,
    excludedLogGroups: [own.echo, own.subscriber, ...excludedLogGroups],
    maxFiltersPerLogGroup,
    ...(topic && { topic }),
  });
  prefixDeliveryAlarms(alarms, prefixed);
}

function prefixDeliveryAlarms(alarms: EchoAlarms, prefixed: ReadonlyArray<{ subscription: PrefixSubscription; id: string }>): void {
  for (const { subscription, id } of prefixed) {
    const where = `FilterName = ${insightsString(metricFilterName(subscription.name))}`;
    alarms.deliveryAlarms('PrefixDelivery', ` ${id}`, `filter ${subscription.name} on log groups under ${subscription.logGroupNamePrefix}`, (metricName) =>
      deliveryQuery(metricName, where),
    );
  }
}

export interface PrefixSubscriberProps {
  readonly subscriptions: readonly PrefixSubscription[];
  /** The construct id of each subscription (constructIds), in the same order. */
  readonly ids: readonly string[];
  /** The echo function: the destination of every filter. */
  readonly destination: IFunction;
  /** The permission that lets CloudWatch Logs invoke it: filters are put after it exists. */
  readonly permission: IConstruct;
  /** The subscriber's own log group (it writes there, and never subscribes it). */
  readonly logGroupName: string;
  /** Never subscribed, besides every log-lambda function's log group: the stack's own and the excluded ones. */
  readonly excludedLogGroups: readonly string[];
  readonly maxFiltersPerLogGroup: number;
  readonly topic?: ITopic;
}

/**
 * Subscribes the echo function to every log group under each prefix, now and later: a small
 * function run as a custom resource at deploy (one per prefix; on delete it removes exactly the
 * filters it made), on CloudTrail's CreateLogGroup events, and every hour (CloudTrail delivers
 * those events only to accounts with a trail).
 *
 * A plain custom resource whose function answers CloudFormation itself, rather than aws-cdk-lib's
 * Provider framework or AwsCustomResource: one function serves the deploy, the events and the
 * schedule with the same code; no framework function (with its own role, log group and runtime
 * to keep current) is added; and the answer is one PUT, always sent, failure included.
 */
export class PrefixSubscriber extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: PrefixSubscriberProps) {
    super(scope, id);
    const { subscriptions, destination, excludedLogGroups, topic } = props;
    const stack = Stack.of(this);
    const logGroupArn = (resourceName: string) => stack.formatArn({ service: 'logs', resource: 'log-group', resourceName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });

    const logGroup = new LogGroup(this, 'LogGroup', { logGroupName: props.logGroupName, retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    // Listing log groups by prefix is not scoped by name in IAM; changing filters is, to the prefixes.
    role.addToPolicy(new PolicyStatement({ actions: ['logs:DescribeLogGroups'], resources: [logGroupArn('*')] }));
    role.addToPolicy(
      new PolicyStatement({
        actions: ['logs:DescribeSubscriptionFilters', 'logs:PutSubscriptionFilter', 'logs:DeleteSubscriptionFilter'],
        resources: [...new Set(subscriptions.map((s) => logGroupArn(`${s.logGroupNamePrefix}*`)))],
      }),
    );
    // While the stack is being deleted the subscriber puts no filter (src/log-lambda/subscriber.ts): it reads
    // its own stack's status, and nothing else.
    role.addToPolicy(new PolicyStatement({ actions: ['cloudformation:DescribeStacks'], resources: [Aws.STACK_ID] }));
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${findingArn(stack, '*')}]`,
      reason: 'logs:DescribeLogGroups lists log groups by name prefix and cannot be scoped to one; it reads names only.',
    });
    for (const { logGroupNamePrefix } of subscriptions) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${findingArn(stack, `${logGroupNamePrefix}*`)}]`,
        reason: `The subscriber puts and removes its subscription filter on every log group under ${logGroupNamePrefix}, including those created later.`,
      });
    }

    this.function = new NodejsFunction(this, 'Function', {
      code: bundledCode(fileURLToPath(new URL('../../src/log-lambda/subscriber.ts', import.meta.url)), { [CONFIG_FILE]: subscriberConfigFile(subscriptions, excludedLogGroups) }),
      handler: 'index.handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 256,
      // A deploy over thousands of log groups; what does not fit is left to the hourly reconcile.
      timeout: Duration.minutes(15),
      role,
      logGroup,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        DESTINATION_ARN: destination.functionArn,
        MAX_FILTERS_PER_LOG_GROUP: String(props.maxFiltersPerLogGroup),
        METRIC_NAMESPACE,
        STACK_ID: Aws.STACK_ID,
      },
      // Events and the schedule are retried by Lambda; the next hour's reconcile catches the rest.
      retryAttempts: 2,
    });

    // At deploy: one custom resource per prefix, after the permission (a filter needs it).
    const resources = subscriptions.map(({ name, logGroupNamePrefix, filterPattern }, index) => {
      const resource = new CustomResource(this, `Prefix ${props.ids[index]}`, {
        serviceToken: this.function.functionArn,
        resourceType: 'Custom::PrefixSubscription',
        properties: { FilterName: name, LogGroupNamePrefix: logGroupNamePrefix, FilterPattern: filterPattern },
      });
      resource.node.addDependency(props.permission, role);
      return resource;
    });

    // Later: each new log group under a prefix (CloudTrail, through EventBridge), and every hour.
    // The rules depend on the custom resources: CloudFormation deletes them first, so that no
    // event or hourly run starts while the custom resources take the filters off.
    const newLogGroups = new Rule(this, 'NewLogGroups', {
      description: `Subscribes new log groups under ${subscriptions.map((s) => s.logGroupNamePrefix).join(', ')} (CloudTrail's CreateLogGroup; needs a trail)`,
      eventPattern: {
        source: ['aws.logs'],
        detailType: ['AWS API Call via CloudTrail'],
        detail: {
          eventSource: ['logs.amazonaws.com'],
          eventName: ['CreateLogGroup'],
          requestParameters: { logGroupName: subscriptions.map((s) => ({ prefix: s.logGroupNamePrefix })) },
        },
      },
      targets: [new LambdaFunction(this.function, { retryAttempts: 4 })],
    });
    const reconcile = new Rule(this, 'Reconcile', {
      description: 'Subscribes log groups the events missed, every hour',
      schedule: Schedule.rate(Duration.hours(1)),
      targets: [new LambdaFunction(this.function, { retryAttempts: 2 })],
    });
    for (const rule of [newLogGroups, reconcile]) rule.node.addDependency(...resources);

    // A group at the per-group filter quota is skipped, not failed: say so (one alarm per 10
    // prefixes, CloudWatch's most metrics per alarm), and when the subscriber fails.
    const alarms: Alarm[] = [];
    const alarm = (alarmId: string, metric: IMetric, alarmDescription: string) =>
      alarms.push(
        new Alarm(this, alarmId, {
          metric,
          alarmDescription,
          threshold: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    for (let first = 0; first < subscriptions.length; first += 10) {
      const metrics = subscriptions
        .slice(first, first + 10)
        .map(
          ({ name }) =>
            new Metric({ namespace: METRIC_NAMESPACE, metricName: 'GroupsSkippedAtLimit', dimensionsMap: { FilterName: name }, statistic: 'Sum', period: Duration.hours(1) }),
        );
      alarm(
        `SkippedAtLimit${first === 0 ? '' : ` ${first / 10 + 1}`}`,
        new MathExpression({
          expression: 'SUM(METRICS())',
          usingMetrics: Object.fromEntries(metrics.map((m, i) => [`m${i}`, m])),
          period: Duration.hours(1),
          label: 'GroupsSkippedAtLimit',
        }),
        'The subscriber left log groups alone that already have as many subscription filters as AWS allows: its log group says which.',
      );
    }
    alarm(
      'Errors',
      this.function.metricErrors({ period: Duration.hours(1), statistic: 'Sum' }),
      'The subscriber failed: log groups under the prefixes may not be subscribed. See its log group.',
    );
    if (topic) {
      for (const alarm of alarms) {
        alarm.addAlarmAction(new SnsAction(topic));
        alarm.addOkAction(new SnsAction(topic));
      }
    }
  }
}
