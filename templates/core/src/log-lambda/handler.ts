import type { SQSClient } from '@aws-sdk/client-sqs';
import type { CloudWatchLogsEvent, Context } from 'aws-lambda';
import * as yours from '../process.js';
import { decodeCloudWatchLogsEvent, DEFAULT_MAX_PAYLOAD_BYTES, MalformedEventError, type DecodedLogs } from './decode.js';
import { filterField } from './log.js';

/** What the handler does with each batch of log events: src/process.ts's processBatch. */
export type ProcessBatch = (batch: DecodedLogs, context: Context) => unknown;

/**
 * The Lambda handler around `processBatch`: it decodes what a CloudWatch Logs subscription filter
 * sends, acknowledges the control messages CloudWatch Logs checks reachability with, calls
 * `processBatch` with every batch of log events, and returns the batch.
 *
 * CloudWatch Logs invokes the function asynchronously. A thrown error makes Lambda retry the
 * batch (retryAttempts in the stack), then put it in the failure queue, from which
 * `npm run redrive` sends it back. A batch that can never succeed (a MalformedEventError, from
 * decoding or from `processBatch`) goes to that queue at once, with the reason, and the invocation
 * succeeds: retrying it is wasted work.
 */
export function createHandler(processBatch: ProcessBatch) {
  return async (event: CloudWatchLogsEvent, context: Context): Promise<DecodedLogs | undefined> => {
    try {
      const logs = decodeCloudWatchLogsEvent(event, maxPayloadBytes());
      if (logs.messageType === 'CONTROL_MESSAGE') {
        // CloudWatch Logs checks that the destination is reachable; acknowledge, never fail.
        console.debug({ kind: 'control message', logGroup: logs.logGroup, logStream: logs.logStream, filter: filterField(logs) });
        return logs;
      }
      await processBatch(logs, context);
      return logs;
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
}

/** The function's handler (the stack's `index.handler`): yours, src/process.ts's processBatch, for every batch. */
export const handler = createHandler(yours.processBatch);

/** The stack sets MAX_PAYLOAD_BYTES from its maxPayloadBytes setting. */
function maxPayloadBytes(): number {
  const value = process.env['MAX_PAYLOAD_BYTES'];
  if (value === undefined) return DEFAULT_MAX_PAYLOAD_BYTES;
  const bytes = Number(value);
  if (!Number.isSafeInteger(bytes) || bytes < 1) throw new Error(`MAX_PAYLOAD_BYTES=${JSON.stringify(value)} is not a whole number of bytes: set maxPayloadBytes on the stack`);
  return bytes;
}

/**
 * What the failure queue holds for a failed batch. Lambda writes it for an invocation that failed
 * every retry (`condition` RetriesExhausted) or waited past maxEventAge (EventAgeExceeded); the
 * handler writes the same shape, with condition MalformedEvent, for a batch it refuses.
 * `responsePayload` says why it failed; `requestPayload` is the event, as the function received it.
 */
export interface FailureRecord {
  version: string;
  timestamp: string;
  requestContext: { requestId: string; functionArn: string; condition: string; approximateInvokeCount: number };
  requestPayload: unknown;
  /** Set instead of requestPayload when the event would not fit in an SQS message. */
  requestPayloadOmitted?: string;
  responseContext: { statusCode: number; executedVersion: string; functionError?: string };
  responsePayload?: { errorType?: string; errorMessage?: string } | null;
}

export const MALFORMED_EVENT = 'MalformedEvent';

/** SQS's limit on a message body. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/** The failure record of `event`, as the JSON body of an SQS message. */
export function failureRecord(event: unknown, error: Error, context: Context, now = new Date()): string {
  const record: FailureRecord = {
    version: '1.0',
    timestamp: now.toISOString(),
    requestContext: { requestId: context.awsRequestId, functionArn: context.invokedFunctionArn, condition: MALFORMED_EVENT, approximateInvokeCount: 1 },
    requestPayload: event,
    responseContext: { statusCode: 200, executedVersion: context.functionVersion, functionError: 'Handled' },
    responsePayload: { errorType: error.name, errorMessage: error.message },
  };
  const body = JSON.stringify(record);
  const bytes = Buffer.byteLength(body);
  if (bytes <= MAX_MESSAGE_BYTES) return body;
  // The reason is kept; the event cannot be, nor sent again.
  return JSON.stringify({ ...record, requestPayload: null, requestPayloadOmitted: `the record took ${bytes} bytes, more than an SQS message's ${MAX_MESSAGE_BYTES}` });
}

// The SDK (Lambda's runtime provides it) is loaded the first time a batch is refused, not at
// every cold start.
let sdk: Promise<typeof import('@aws-sdk/client-sqs')> | undefined;
let client: SQSClient | undefined;

export async function sendToFailureQueue(queueUrl: string, body: string): Promise<void> {
  const { SQSClient, SendMessageCommand } = await (sdk ??= import('@aws-sdk/client-sqs'));
  client ??= new SQSClient({});
  await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
}
