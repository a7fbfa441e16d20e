import type { CloudWatchLogsEvent, Context } from 'aws-lambda';
import { decodeCloudWatchLogsEvent, DEFAULT_MAX_PAYLOAD_BYTES, MalformedEventError, type DecodedLogs } from './decode.js';
import { failureRecord, sendToFailureQueue } from './failure-queue.js';
import { filterField, writeEventLines } from './log.js';

/**
 * The echo handler: decodes what a CloudWatch Logs subscription filter sends, logs every event
 * it holds and returns it. Replace `echo` with your own processing.
 *
 * CloudWatch Logs invokes the function asynchronously. A thrown error makes Lambda retry the
 * batch (retryAttempts in the stack), then put it in the failure queue, from which
 * `npm run redrive` sends it back. A batch that can never succeed (a MalformedEventError) goes to
 * that queue at once, with the reason, and the invocation succeeds: retrying it is wasted work.
 */
export const handler = async (event: CloudWatchLogsEvent, context: Context): Promise<DecodedLogs | undefined> => {
  try {
    return echo(decodeCloudWatchLogsEvent(event, maxPayloadBytes()), context);
  } catch (error) {
    const queueUrl = process.env['FAILURE_QUEUE_URL'];
    if (!(error instanceof MalformedEventError) || queueUrl === undefined) throw error;
    try {
      await sendToFailureQueue(queueUrl, failureRecord(event, error, context));
    } catch (sendError) {
      // Lambda retries, then puts the batch in the same queue itself.
      throw new Error(`${error.message}; sending it to the failure queue failed: ${(sendError as Error).message}`, { cause: sendError });
    }
    console.error({ kind: 'malformed event', errorType: error.name, errorMessage: error.message, sentTo: queueUrl });
    return undefined;
  }
};

function echo(logs: DecodedLogs, context: Context): DecodedLogs {
  const { messageType, owner, logGroup, logStream, logEvents, policyLevel } = logs;
  if (messageType === 'CONTROL_MESSAGE') {
    // CloudWatch Logs checks that the destination is reachable; acknowledge, never fail.
    console.debug({ kind: 'control message', logGroup, logStream, filter: filterField(logs) });
    return logs;
  }
  const lines = writeEventLines(logs, context.awsRequestId);
  console.info({ kind: 'batch', owner, logGroup, logStream, filter: filterField(logs), events: logEvents.length, lines, ...(policyLevel && { policyLevel }) });
  return logs;
}

/** The stack sets MAX_PAYLOAD_BYTES from its maxPayloadBytes prop. */
function maxPayloadBytes(): number {
  const value = process.env['MAX_PAYLOAD_BYTES'];
  if (value === undefined) return DEFAULT_MAX_PAYLOAD_BYTES;
  const bytes = Number(value);
  if (!Number.isSafeInteger(bytes) || bytes < 1) throw new Error(`MAX_PAYLOAD_BYTES=${JSON.stringify(value)} is not a whole number of bytes: set maxPayloadBytes on the stack`);
  return bytes;
}
