import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { isAccount, isNamed, isPrefix, type AnySubscription, type NamedSubscription } from './subscription-kinds.js';

export interface EchoAlarmsProps {
  readonly echoFunction: IFunction;
  readonly failureQueue: IQueue;
  readonly subscriptions: readonly AnySubscription[];
  /** The construct id of each subscription (lib/<stack>.ts's constructIds), in the same order. */
  readonly ids: readonly string[];
  /** Where alarms and their recovery are notified; none: the alarms show in the CloudWatch console only. */
  readonly topic?: ITopic;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * The alarms of a function that must not fail silently. Every alarm treats missing data as "not
 * breaching": a quiet function is a healthy one. One-off blips (a retried error, a throttle Lambda
 * retries) do not alarm; what is lost or keeps failing does.
 */
export class EchoAlarms extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, { echoFunction, failureQueue, subscriptions, ids, topic }: EchoAlarmsProps) {
    super(scope, id);
    const alarm = (alarmId: string, metric: IMetric, description: string, datapointsToAlarm: 1 | 2) => {
      const created = new Alarm(this, alarmId, {
        metric,
        alarmDescription: description,
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: datapointsToAlarm === 1 ? 1 : 3,
        datapointsToAlarm,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      if (topic) {
        created.addAlarmAction(new SnsAction(topic));
        created.addOkAction(new SnsAction(topic));
      }
      this.alarms.push(created);
    };

    // A failed batch is retried twice and may then succeed: errors alarm when they keep coming
    // (in 2 of 3 five-minute periods). What finally fails lands in the queue, alarmed below.
    alarm('Errors', echoFunction.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }), 'The echo function keeps failing (errors in 2 of the last 3 five-minute periods): see its log group.', 2);
    // Lambda retries throttled asynchronous invocations for up to maxEventAge: only lasting throttling matters.
    alarm('Throttles', echoFunction.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }), 'The echo function keeps being throttled (in 2 of the last 3 five-minute periods): raise its concurrency or the account quota.', 2);
    // Lambda could not put a failed batch in the queue (it is then lost): the safety net itself failed.
    alarm(
      'DestinationDeliveryFailures',
      echoFunction.metric('DestinationDeliveryFailures', { period: FIVE_MINUTES, statistic: 'Sum' }),
      'Lambda could not send a failed batch to the failure queue, and dropped it: check the queue, its key and the function\'s permissions.',
      1,
    );
    // Every message is a batch that was not processed: always worth a look.
    alarm(
      'FailedBatches',
      failureQueue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
      'Failed batches wait in the failure queue: read why in each record (responsePayload), fix the cause, then npm run redrive.',
      1,
    );

    // CloudWatch Logs' own view of the subscriptions: a delivery error may lose events (it retries
    // retryable ones for 24 hours, drops the rest); throttling alarms when it lasts. One alarm sums
    // the metrics of up to 10 subscriptions (CloudWatch's most per alarm), so 200 subscriptions
    // take 40 alarms, not 400, and the stack stays under CloudFormation's 500 resources.
    const named = subscriptions.filter(isNamed);
    for (let first = 0; first < named.length; first += METRICS_PER_ALARM) {
      const group = named.slice(first, first + METRICS_PER_ALARM);
      // Ids stay when subscriptions are appended: the first group's alarms keep their plain name.
      const which = first === 0 ? '' : ` ${first / METRICS_PER_ALARM + 1}`;
      const names = group.map((s) => `${s.name} on ${s.logGroupName}`).join(', ');
      alarm(`DeliveryErrors${which}`, deliveryMetric('DeliveryErrors', group), `CloudWatch Logs could not deliver events to the echo function (filters ${names}).`.slice(0, 1024), 1);
      alarm(`DeliveryThrottling${which}`, deliveryMetric('DeliveryThrottling', group), `CloudWatch Logs keeps being throttled delivering events to the echo function (filters ${names}).`.slice(0, 1024), 2);
    }

    // A prefix's filter is on log groups not known at synth, and the account policy has no filter
    // at all: a Metrics Insights query sums the metric over whatever carries the filter's name
    // (every group under the prefix, including later ones) or the account policy's dimension.
    subscriptions.forEach((subscription, index) => {
      if (isNamed(subscription)) return;
      const which = isPrefix(subscription) ? ` ${ids[index]}` : '';
      const kind = isPrefix(subscription) ? `PrefixDelivery` : 'AccountPolicyDelivery';
      const what = isPrefix(subscription) ? `filter ${subscription.name} on log groups under ${subscription.logGroupNamePrefix}` : `account policy ${subscription.name}`;
      alarm(`${kind}Errors${which}`, wideDeliveryMetric('DeliveryErrors', subscription), `CloudWatch Logs could not deliver events to the echo function (${what}).`.slice(0, 1024), 1);
      alarm(`${kind}Throttling${which}`, wideDeliveryMetric('DeliveryThrottling', subscription), `CloudWatch Logs keeps being throttled delivering events to the echo function (${what}).`.slice(0, 1024), 2);
    });
  }
}

/**
 * The account policy's delivery metrics carry the dimension PolicyLevel=AccountPolicy, its only
 * value ("Dimensions for CloudWatch Logs metrics",
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CloudWatch-Logs-Monitoring-CloudWatch-Metrics.html).
 */
export const ACCOUNT_POLICY_LEVEL = 'AccountPolicy';

/**
 * A CloudWatch Logs delivery metric summed, per five minutes, over every metric whose FilterName
 * is the prefix subscription's (any log group, any destination type), or whose PolicyLevel is the
 * account policy's: a Metrics Insights query, which an alarm may watch
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Create_Metrics_Insights_Alarm.html).
 */
export function wideDeliveryMetric(metricName: 'DeliveryErrors' | 'DeliveryThrottling', subscription: Exclude<AnySubscription, NamedSubscription>): IMetric {
  const where = isAccount(subscription) ? `PolicyLevel = ${insightsString(ACCOUNT_POLICY_LEVEL)}` : `FilterName = ${insightsString(metricFilterName(subscription.name))}`;
  return new MathExpression({ expression: `SELECT SUM(${metricName}) FROM "AWS/Logs" WHERE ${where}`, usingMetrics: {}, label: metricName, period: FIVE_MINUTES });
}

/** A string in a Metrics Insights query: in single quotes, a quote or backslash escaped with a backslash. */
export function insightsString(value: string): string {
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** The most metrics one alarm's math expression may use. */
export const METRICS_PER_ALARM = 10;

/** The sum of a CloudWatch Logs delivery metric over `subscriptions` (at most 10), per five minutes. */
function deliveryMetric(metricName: 'DeliveryErrors' | 'DeliveryThrottling', subscriptions: readonly NamedSubscription[]): IMetric {
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

/** CloudWatch Logs publishes the filter name in its metrics as ASCII, with a ? for every other character. */
export function metricFilterName(name: string): string {
  return name.replace(/[^\x20-\x7e]/gu, '?');
}
