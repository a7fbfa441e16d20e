import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, <% if (has('prefix', 'account')) { %>MathExpression, <% } %>TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface EchoAlarmsProps {
  readonly echoFunction: IFunction;
  readonly failureQueue: IQueue;
  /** Where alarms and their recovery are notified; none: the alarms show in the CloudWatch console only. */
  readonly topic?: ITopic;
}

export const FIVE_MINUTES = Duration.minutes(5);

/**
 * The alarms of a function that must not fail silently; each feature adds the delivery alarms of
 * its subscriptions. Every alarm treats missing data as "not breaching": a quiet function is a
 * healthy one. One-off blips (a retried error, a throttle Lambda retries) do not alarm; what is
 * lost or keeps failing does.
 */
export class EchoAlarms extends Construct {
  readonly alarms: Alarm[] = [];
  private readonly topic: ITopic | undefined;

  constructor(scope: Construct, id: string, { echoFunction, failureQueue, topic }: EchoAlarmsProps) {
    super(scope, id);
    this.topic = topic;
    // A failed batch is retried twice and may then succeed: errors alarm when they keep coming
    // (in 2 of 3 five-minute periods). What finally fails lands in the queue, alarmed below.
    this.alarm(
      'Errors',
      echoFunction.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
      'The echo function keeps failing (errors in 2 of the last 3 five-minute periods): see its log group.',
      2,
    );
    // Lambda retries throttled asynchronous invocations for up to maxEventAge: only lasting throttling matters.
    this.alarm(
      'Throttles',
      echoFunction.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
      'The echo function keeps being throttled (in 2 of the last 3 five-minute periods): raise its concurrency or the account quota.',
      2,
    );
    // Lambda could not put a failed batch in the queue (it is then lost): the safety net itself failed.
    this.alarm(
      'DestinationDeliveryFailures',
      echoFunction.metric('DestinationDeliveryFailures', { period: FIVE_MINUTES, statistic: 'Sum' }),
      "Lambda could not send a failed batch to the failure queue, and dropped it: check the queue, its key and the function's permissions.",
      1,
    );
    // Every message is a batch that was not processed: always worth a look.
    this.alarm(
      'FailedBatches',
      failureQueue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
      'Failed batches wait in the failure queue: read why in each record (responsePayload), fix the cause, then npm run redrive.',
      1,
    );
  }

  /** An alarm on `metric` reaching 1, in `datapointsToAlarm` of the last 3 periods (1: the last one), notified to the topic. */
  alarm(id: string, metric: IMetric, description: string, datapointsToAlarm: 1 | 2): Alarm {
    const created = new Alarm(this, id, {
      metric,
      alarmDescription: description.slice(0, 1024),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: datapointsToAlarm === 1 ? 1 : 3,
      datapointsToAlarm,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    if (this.topic) {
      created.addAlarmAction(new SnsAction(this.topic));
      created.addOkAction(new SnsAction(this.topic));
    }
    this.alarms.push(created);
    return created;
  }

  /**
   * CloudWatch Logs' own view of some subscriptions (`what`): `<kind>Errors<suffix>` when a delivery
   * error may lose events (it retries retryable ones for 24 hours, drops the rest),
   * `<kind>Throttling<suffix>` when throttling lasts.
   */
  deliveryAlarms(kind: string, suffix: string, what: string, metric: (metricName: 'DeliveryErrors' | 'DeliveryThrottling') => IMetric): void {
    this.alarm(`${kind}Errors${suffix}`, metric('DeliveryErrors'), `CloudWatch Logs could not deliver events to the echo function (${what}).`, 1);
    this.alarm(`${kind}Throttling${suffix}`, metric('DeliveryThrottling'), `CloudWatch Logs keeps being throttled delivering events to the echo function (${what}).`, 2);
  }
}
<% if (has('prefix', 'account')) { -%>

/**
 * A CloudWatch Logs delivery metric summed, per five minutes, over every metric `where` selects
 * (any log group, any destination type): a Metrics Insights query, which an alarm may watch
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Create_Metrics_Insights_Alarm.html).
 * For the subscriptions whose log groups synth does not know.
 */
export function deliveryQuery(metricName: string, where: string): IMetric {
  return new MathExpression({ expression: `SELECT SUM(${metricName}) FROM "AWS/Logs" WHERE ${where}`, usingMetrics: {}, label: metricName, period: FIVE_MINUTES });
}

/** A string in a Metrics Insights query: in single quotes, a quote or backslash escaped with a backslash. */
export function insightsString(value: string): string {
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}
<% } -%>
<% if (has('named', 'prefix')) { -%>

/** CloudWatch Logs publishes the filter name in its metrics as ASCII, with a ? for every other character. */
export function metricFilterName(name: string): string {
  return name.replace(/[^\x20-\x7e]/gu, '?');
}
<% } -%>
