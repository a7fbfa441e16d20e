import type { CloudWatchLogsEvent, Context } from 'aws-lambda';
import { decodeCloudWatchLogsEvent, type DecodedLogs } from './decode.js';
import { createLogger } from './log.js';

/**
 * The echo handler: decodes what a CloudWatch Logs subscription filter sends, logs it, returns it.
 * Replace the body of the DATA_MESSAGE branch with your own processing.
 *
 * CloudWatch Logs invokes the function asynchronously: a thrown error makes Lambda retry twice,
 * then hand the event to the function's on-failure destination, if one is configured.
 */
export const handler = async (event: CloudWatchLogsEvent, context: Context): Promise<DecodedLogs> => {
  const log = createLogger(context.awsRequestId);
  const logs = decodeCloudWatchLogsEvent(event);
  const { messageType, owner, logGroup, logStream, subscriptionFilters, logEvents } = logs;
  if (messageType === 'CONTROL_MESSAGE') {
    // CloudWatch Logs checks that the destination is reachable; acknowledge, never fail.
    log.debug('control message acknowledged', { logGroup, logStream, subscriptionFilters });
    return logs;
  }
  log.info('log events received', { owner, logGroup, logStream, subscriptionFilters, count: logEvents.length, logEvents });
  return logs;
};
