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

/** A log event read from a file or standard input. */
export interface InputEvent {
  /** The id CloudWatch Logs gave it, when the input has one (default: one made up, see eventId). */
  id?: string;
  /** Milliseconds since the epoch. */
  timestamp: number;
  message: string;
  /** The stream it was written to, when the input says (default: the run's --log-stream). */
  logStream?: string;
}

/**
 * How `npm run invoke` reads its input. `lines`: each line is one log event's message, exactly as
 * written (a JSON line is a JSON message, never an envelope), stamped with the time of the run.
 * `filter-log-events`: the JSON that `aws logs filter-log-events --output json` prints, each
 * event with its own id, timestamp and stream.
 */
export const INPUT_FORMATS = ['lines', 'filter-log-events'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

export function parseInput(text: string, format: InputFormat, now: number): InputEvent[] {
  return format === 'lines' ? messagesOf(text, now) : filterLogEventsOf(text);
}

/** One event per line, the line its message; empty lines are skipped (CloudWatch Logs has no empty messages). */
export function messagesOf(text: string, now: number): InputEvent[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.length > 0)
    .map((message) => ({ timestamp: now, message }));
}

const EXPECTED =
  'expected the JSON that `aws logs filter-log-events --output json` prints: {"events": [{"logStreamName": "…", "timestamp": 1767225600000, "message": "…", "ingestionTime": 1767225600100, "eventId": "…"}, …]}';

/**
 * The events of `aws logs filter-log-events --output json` output: an object whose `events` are
 * FilteredLogEvents (logStreamName, timestamp, message, ingestionTime, eventId), beside
 * `searchedLogStreams` and `nextToken`. Anything else is refused, a bare list and get-log-events
 * output (no eventId, no logStreamName) included: each event keeps its eventId as its id, as
 * CloudWatch Logs delivers it.
 */
export function filterLogEventsOf(text: string): InputEvent[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new Error(`--format filter-log-events: the input is not JSON (${(error as Error).message.replace(/\s+/g, ' ')}); ${EXPECTED}`);
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new Error(
      `--format filter-log-events: the input is ${Array.isArray(document) ? 'a list' : `JSON ${document === null ? 'null' : typeof document}`}, not an object; ${EXPECTED}`,
    );
  }
  const { events } = document as { events?: unknown };
  if (!Array.isArray(events)) throw new Error(`--format filter-log-events: the input has no "events" list; ${EXPECTED}`);
  return events.map((event: unknown, i): InputEvent => {
    const problem = filteredLogEventProblem(event);
    if (problem) throw new Error(`--format filter-log-events: event ${i + 1} ${problem}; ${EXPECTED}`);
    const { eventId, timestamp, message, logStreamName } = event as { eventId: string; timestamp: number; message: string; logStreamName: string };
    return { id: eventId, timestamp, message, logStream: logStreamName };
  });
}

function filteredLogEventProblem(event: unknown): string | undefined {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return 'is not an object';
  const { eventId, timestamp, message, logStreamName } = event as Record<string, unknown>;
  if (typeof eventId !== 'string' || eventId === '') return 'has no "eventId" string';
  if (typeof logStreamName !== 'string' || logStreamName === '') return 'has no "logStreamName" string';
  if (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp) || timestamp < 0) return 'has no "timestamp" in milliseconds since the epoch';
  if (typeof message !== 'string') return 'has no "message" string';
  return undefined;
}
