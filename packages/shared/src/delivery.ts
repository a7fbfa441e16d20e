/**
 * How CloudWatch Logs delivers matched log events to a subscribed Lambda function: one payload per
 * filter, log group and log stream, at most 10,000 events and 1 MB of JSON each, sent as
 * `{ awslogs: { data: base64(gzip(JSON)) } }`. Shipped into generated projects (local/), where
 * `npm run invoke` pushes log lines through the filters into the handler.
 */
import { gunzipSync, gzipSync } from 'node:zlib';

export interface LogEvent {
  /** CloudWatch Logs sends ids as (56-digit) strings. */
  id: string;
  /** Milliseconds since the epoch. */
  timestamp: number;
  message: string;
}

export interface LogsPayload {
  messageType: 'DATA_MESSAGE' | 'CONTROL_MESSAGE';
  owner: string;
  logGroup: string;
  logStream: string;
  subscriptionFilters: string[];
  logEvents: LogEvent[];
  policyLevel?: string;
}

export interface LogsEvent {
  awslogs: { data: string };
}

/** What one payload may hold at the most. */
export const MAX_BATCH_BYTES = 1024 * 1024;
export const MAX_BATCH_EVENTS = 10_000;

export function encodeLogsEvent(payload: LogsPayload): LogsEvent {
  return { awslogs: { data: gzipSync(JSON.stringify(payload)).toString('base64') } };
}

export function decodeLogsEvent(event: LogsEvent): LogsPayload {
  return JSON.parse(gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString('utf8')) as LogsPayload;
}

/** A 56-digit id shaped like CloudWatch Logs' own, unique within a run: timestamp then sequence. */
export function eventId(timestamp: number, sequence: number): string {
  return `${String(timestamp).padStart(16, '0')}${String(sequence).padStart(40, '0')}`;
}

export interface BatchKey {
  owner: string;
  logGroup: string;
  logStream: string;
  filterName: string;
  /** `ACCOUNT_LEVEL_POLICY` for deliveries of an account-level subscription filter policy. */
  policyLevel?: string;
}

/**
 * The payloads CloudWatch Logs would send for `events` matched by one filter in one stream: in
 * order, split before a payload would pass 10,000 events or 1 MB of JSON. A single event larger
 * than that is sent alone (CloudWatch Logs caps events at 1 MB, so it cannot be larger by much).
 */
export function batchLogEvents(key: BatchKey, events: readonly LogEvent[]): LogsPayload[] {
  const empty = (): LogsPayload => ({
    messageType: 'DATA_MESSAGE',
    owner: key.owner,
    logGroup: key.logGroup,
    logStream: key.logStream,
    subscriptionFilters: [key.filterName],
    logEvents: [],
    ...(key.policyLevel !== undefined && { policyLevel: key.policyLevel }),
  });
  const envelope = Buffer.byteLength(JSON.stringify(empty()));
  const batches: LogsPayload[] = [];
  let current = empty();
  let bytes = envelope;
  for (const event of events) {
    const size = Buffer.byteLength(JSON.stringify(event));
    const full = bytes + 1 + size > MAX_BATCH_BYTES || current.logEvents.length >= MAX_BATCH_EVENTS;
    if (current.logEvents.length > 0 && full) {
      batches.push(current);
      current = empty();
      bytes = envelope;
    }
    bytes += size + (current.logEvents.length > 0 ? 1 : 0); // and a comma after the first
    current.logEvents.push(event);
  }
  if (current.logEvents.length > 0) batches.push(current);
  return batches;
}

/**
 * A line of a log file as a log event: JSON lines `{ "timestamp": ms, "message": "…" }` keep their
 * own values; any other line is the message itself, stamped `fallbackTimestamp`.
 */
export function parseLogLine(line: string, fallbackTimestamp: number): { timestamp: number; message: string } {
  if (line.startsWith('{')) {
    try {
      const parsed = JSON.parse(line) as { timestamp?: unknown; message?: unknown };
      if (typeof parsed.message === 'string') {
        const timestamp = typeof parsed.timestamp === 'number' ? parsed.timestamp : typeof parsed.timestamp === 'string' ? Date.parse(parsed.timestamp) : Number.NaN;
        return { timestamp: Number.isFinite(timestamp) ? timestamp : fallbackTimestamp, message: parsed.message };
      }
    } catch {
      // not JSON after all: the line is the message
    }
  }
  return { timestamp: fallbackTimestamp, message: line };
}
