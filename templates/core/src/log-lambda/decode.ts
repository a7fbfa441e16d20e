import { gunzipSync } from 'node:zlib';
import type { CloudWatchLogsDecodedData, CloudWatchLogsEvent, CloudWatchLogsLogEvent } from 'aws-lambda';

/**
 * What CloudWatch Logs delivers, decoded: `awslogs.data` is base64(gzip(JSON)).
 * `policyLevel` is set when an account-level subscription policy sent the batch.
 */
export type DecodedLogs = CloudWatchLogsDecodedData & { policyLevel?: string };

/**
 * A payload that can never succeed: not what CloudWatch Logs sends, or too large to decode.
 * The handler sends it to the failure queue with this message instead of letting Lambda retry
 * it; throw it from your own code for a batch that retrying cannot fix.
 */
export class MalformedEventError extends Error {
  override readonly name = 'MalformedEventError';
}

/**
 * The most decompressed bytes decoding accepts. CloudWatch Logs sends at most 1 MB of log events
 * per batch (a little more as JSON), so 8 MiB keeps every real batch and stops a gzip bomb (1 MB
 * of gzip can hold 1 GB) long before it fills the function's memory: gunzip stops at the limit.
 */
export const DEFAULT_MAX_PAYLOAD_BYTES = 8 * 1024 * 1024;

const MESSAGE_TYPES: ReadonlySet<string> = new Set(['DATA_MESSAGE', 'CONTROL_MESSAGE']);
/**
 * AWS's own limits on names (log groups, streams and filters: 512 characters; event ids are 56
 * digits), with room to spare: fields longer than these are not from CloudWatch Logs, and every
 * line the echo logs stays under CloudWatch Logs' event size.
 */
const MAX_NAME_LENGTH = 512;
const MAX_FILTERS = 10;
const MAX_ID_LENGTH = 256;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function decodeCloudWatchLogsEvent(event: unknown, maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES): DecodedLogs {
  const data = (event as Partial<CloudWatchLogsEvent> | null)?.awslogs?.data;
  if (typeof data !== 'string') {
    throw new MalformedEventError('event.awslogs.data is missing or not a string: this is not a CloudWatch Logs subscription event');
  }
  if (data.length % 4 !== 0 || !BASE64.test(data)) {
    throw new MalformedEventError('event.awslogs.data is not valid base64');
  }
  let json: string;
  try {
    json = gunzipSync(Buffer.from(data, 'base64'), { maxOutputLength: maxPayloadBytes }).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new MalformedEventError(
        `event.awslogs.data is too large: it decompresses to more than ${maxPayloadBytes} bytes (maxPayloadBytes), where CloudWatch Logs sends at most about 1 MB`,
      );
    }
    throw new MalformedEventError(`event.awslogs.data is not gzip-compressed: ${(error as Error).message}`);
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(json);
  } catch (error) {
    throw new MalformedEventError(`event.awslogs.data does not hold JSON: ${(error as Error).message}`);
  }
  return checkShape(decoded);
}

function checkShape(value: unknown): DecodedLogs {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MalformedEventError('the decoded payload is not a JSON object');
  }
  const record = value as Record<string, unknown>;
  for (const field of ['messageType', 'owner', 'logGroup', 'logStream'] as const) {
    if (typeof record[field] !== 'string') throw new MalformedEventError(`the decoded payload has no string "${field}"`);
    if ((record[field] as string).length > MAX_NAME_LENGTH) throw new MalformedEventError(`the decoded payload's "${field}" is longer than ${MAX_NAME_LENGTH} characters`);
  }
  if (!MESSAGE_TYPES.has(record['messageType'] as string)) {
    throw new MalformedEventError(`the decoded payload's messageType ${JSON.stringify(record['messageType'])} is neither DATA_MESSAGE nor CONTROL_MESSAGE`);
  }
  const filters = record['subscriptionFilters'];
  if (!Array.isArray(filters) || !filters.every((f) => typeof f === 'string')) {
    throw new MalformedEventError('the decoded payload has no "subscriptionFilters" list of strings');
  }
  if (filters.length > MAX_FILTERS || filters.some((f: string) => f.length > MAX_NAME_LENGTH)) {
    throw new MalformedEventError(`the decoded payload's "subscriptionFilters" has more than ${MAX_FILTERS} names or one longer than ${MAX_NAME_LENGTH} characters`);
  }
  const events = record['logEvents'];
  if (!Array.isArray(events)) throw new MalformedEventError('the decoded payload has no "logEvents" list');
  events.forEach(checkLogEvent);
  return value as DecodedLogs;
}

function checkLogEvent(event: unknown, index: number): asserts event is CloudWatchLogsLogEvent {
  const problem = logEventProblem(event);
  // The message is built only for a bad event: a batch holds up to 10,000 good ones.
  if (problem) throw new MalformedEventError(`logEvents[${index}]${problem}`);
}

function logEventProblem(event: unknown): string | undefined {
  if (typeof event !== 'object' || event === null) return ' is not an object';
  const { id, timestamp, message } = event as Record<string, unknown>;
  if (typeof id !== 'string') return '.id is not a string';
  if (id.length > MAX_ID_LENGTH) return `.id is longer than ${MAX_ID_LENGTH} characters`;
  // JSON.parse reads 1e400 as Infinity: a number, but no time.
  if (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp) || timestamp < 0) {
    const given = typeof timestamp === 'number' ? String(timestamp) : timestamp === undefined ? 'missing' : JSON.stringify(timestamp).slice(0, 40);
    return `.timestamp is not a whole number of milliseconds since the epoch: ${given}`;
  }
  if (typeof message !== 'string') return '.message is not a string';
  return undefined;
}
