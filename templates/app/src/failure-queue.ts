import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Context } from 'aws-lambda';

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
