import { gunzipSync } from 'node:zlib';
import type { CloudWatchLogsDecodedData, CloudWatchLogsEvent, CloudWatchLogsLogEvent } from 'aws-lambda';

/**
 * What CloudWatch Logs delivers, decoded: `awslogs.data` is base64(gzip(JSON)).
 * `policyLevel` is set when an account-level subscription policy sent the batch.
 */
export type DecodedLogs = CloudWatchLogsDecodedData & { policyLevel?: string };

/** A payload that is not what CloudWatch Logs sends. Thrown, so Lambda retries it and then hands it to the failure destination. */
export class MalformedEventError extends Error {
  override readonly name = 'MalformedEventError';
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function decodeCloudWatchLogsEvent(event: unknown): DecodedLogs {
  const data = (event as Partial<CloudWatchLogsEvent> | null)?.awslogs?.data;
  if (typeof data !== 'string') {
    throw new MalformedEventError('event.awslogs.data is missing or not a string: this is not a CloudWatch Logs subscription event');
  }
  if (data.length % 4 !== 0 || !BASE64.test(data)) {
    throw new MalformedEventError('event.awslogs.data is not valid base64');
  }
  let json: string;
  try {
    json = gunzipSync(Buffer.from(data, 'base64')).toString('utf8');
  } catch (error) {
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
  }
  const filters = record['subscriptionFilters'];
  if (!Array.isArray(filters) || !filters.every((f) => typeof f === 'string')) {
    throw new MalformedEventError('the decoded payload has no "subscriptionFilters" list of strings');
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
  if (typeof timestamp !== 'number') return '.timestamp is not a number';
  if (typeof message !== 'string') return '.message is not a string';
  return undefined;
}
