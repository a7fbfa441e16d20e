import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Subscription } from './subscriptions.js';

export interface EchoAlarmsProps {
  readonly echoFunction: IFunction;
  readonly failureQueue: IQueue;
  readonly subscriptions: readonly Subscription[];
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

  constructor(scope: Construct, id: string, { echoFunction, failureQueue, subscriptions, topic }: EchoAlarmsProps) {
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

    // CloudWatch Logs' own view of each subscription: a delivery error may lose events (it retries
    // retryable ones for 24 hours, drops the rest); throttling alarms when it lasts.
    for (const { name, logGroupName } of subscriptions) {
      const delivery = (metricName: string) =>
        new Metric({
          namespace: 'AWS/Logs',
          metricName,
          dimensionsMap: { LogGroupName: logGroupName, DestinationType: 'Lambda', FilterName: metricFilterName(name) },
          period: FIVE_MINUTES,
          statistic: 'Sum',
        });
      alarm(`DeliveryErrors ${name}`, delivery('DeliveryErrors'), `CloudWatch Logs could not deliver events of ${logGroupName} (filter ${name}) to the echo function.`, 1);
      alarm(`DeliveryThrottling ${name}`, delivery('DeliveryThrottling'), `CloudWatch Logs keeps being throttled delivering events of ${logGroupName} (filter ${name}) to the echo function.`, 2);
    }
  }
}

/** CloudWatch Logs publishes the filter name in its metrics as ASCII, with a ? for every other character. */
export function metricFilterName(name: string): string {
  return name.replace(/[^\x20-\x7e]/gu, '?');
}
