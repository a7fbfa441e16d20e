/**
 * CloudWatch Logs' delivery, simulated: which log lines each subscription filter forwards, and the
 * payloads it would send the function for them.
 */
import type { Context } from 'aws-lambda';
import { type Subscription } from '../lib/subscriptions.js';
import { batchLogEvents, encodeLogsEvent, eventId, type InputEvent, type LogEvent, type LogsEvent, type LogsPayload } from './delivery.js';
import { compileFilterPattern } from './filter-pattern/index.js';

export interface SimulateOptions {
  /** The log group the lines were written to (default: every subscribed log group). */
  logGroup?: string;
  /** Only this subscription filter. */
  filter?: string;
  /** The stream of events that do not name their own (default: local). */
  logStream?: string;
  owner?: string;
  /** The timestamp of messages given as strings. */
  now?: number;
}

export interface Delivery {
  subscription: Subscription;
  matched: number;
  payloads: LogsPayload[];
}

/** The subscriptions the options select; an Error naming the flag when none is. */
export function selectSubscriptions(all: readonly Subscription[], { logGroup, filter }: SimulateOptions): Subscription[] {
  const selected = all.filter((s) => (filter === undefined || s.name === filter) && (logGroup === undefined || s.logGroupName === logGroup));
  if (selected.length === 0) {
    const known = filter === undefined ? all.map((s) => s.logGroupName) : all.map((s) => s.name);
    throw new Error(`${filter === undefined ? `--log-group ${logGroup}` : `--filter ${filter}`}${filter !== undefined && logGroup !== undefined ? ` with --log-group ${logGroup}` : ''} matches no subscription in lib/subscriptions.ts (there: ${[...new Set(known)].join(', ')})`);
  }
  return selected;
}

/**
 * What each selected subscription filter would send: the events its pattern matches, one payload
 * per log stream (in the order the streams first appear), split as CloudWatch Logs splits them.
 * A string is a message, exactly as written, stamped `now`.
 */
export function simulateDelivery(input: ReadonlyArray<string | InputEvent>, all: readonly Subscription[], options: SimulateOptions = {}): Delivery[] {
  const { logStream = 'local', owner = '123456789012', now = Date.now() } = options;
  const events = input.map((item, i) => {
    const { timestamp, message, logStream: stream = logStream } = typeof item === 'string' ? { timestamp: now, message: item } : item;
    return { stream, event: { id: eventId(timestamp, i), timestamp, message } };
  });
  return selectSubscriptions(all, options).map((subscription) => {
    const matches = compileFilterPattern(subscription.filterPattern);
    const byStream = new Map<string, LogEvent[]>();
    let matched = 0;
    for (const { stream, event } of events) {
      if (!matches(event.message).matched) continue;
      matched++;
      let list = byStream.get(stream);
      if (!list) byStream.set(stream, (list = []));
      list.push(event);
    }
    const payloads = [...byStream].flatMap(([stream, streamEvents]) =>
      batchLogEvents({ owner, logGroup: subscription.logGroupName, logStream: stream, filterName: subscription.name }, streamEvents),
    );
    return { subscription, matched, payloads };
  });
}

export type Handler = (event: LogsEvent, context: Context) => Promise<unknown>;

/** How a subscription reads in the summary: name, log group and pattern. */
export function describeSubscription({ name, logGroupName, filterPattern }: Subscription): string {
  return `${name} (${logGroupName}, ${filterPattern === '' ? 'every event' : JSON.stringify(filterPattern)})`;
}

/**
 * Sends each delivery's payloads to `handler`, encoded as CloudWatch Logs sends them, reporting
 * through `report`. Returns the exit code: 1 when the handler threw (the rest is not sent).
 * `read` opens the summary: what was read, like "lines read: 3".
 */
export async function invokeHandler(
  deliveries: readonly Delivery[],
  read: string,
  handler: Handler,
  context: () => Context,
  report: (line: string) => void,
): Promise<number> {
  const summary = [read];
  for (const { subscription, matched, payloads } of deliveries) {
    let bytes = 0;
    for (const [index, payload] of payloads.entries()) {
      const event = encodeLogsEvent(payload);
      bytes += Buffer.byteLength(JSON.stringify(event));
      const batch = `${subscription.name}, batch ${index + 1} of ${payloads.length}`;
      try {
        const result = (await handler(event, context())) as { messageType?: string; logEvents?: unknown[] } | undefined;
        report(`handler returned ${result?.messageType ?? String(result)} with ${result?.logEvents?.length ?? 0} events (${batch})`);
      } catch (error) {
        report(`handler failed (${batch}): ${(error as Error).message}`);
        return 1;
      }
    }
    summary.push(`${describeSubscription(subscription)}: ${matched} matched, ${payloads.length} batch${payloads.length === 1 ? '' : 'es'}, ${bytes} bytes`);
  }
  report(summary.join('\n'));
  return 0;
}
