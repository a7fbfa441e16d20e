/**
 * CloudWatch Logs' delivery, simulated: which log lines each subscription filter forwards, and the
 * payloads it would send the function for them.
 */
import type { Context } from 'aws-lambda';
import { type Subscription } from '../lib/subscriptions.js';
import { batchLogEvents, encodeLogsEvent, eventId, parseLogLine, type LogsEvent, type LogsPayload } from './delivery.js';
import { compileFilterPattern } from './filter-pattern/index.js';

export interface SimulateOptions {
  /** The log group the lines were written to (default: every subscribed log group). */
  logGroup?: string;
  /** Only this subscription filter. */
  filter?: string;
  logStream?: string;
  owner?: string;
  /** The timestamp of plain-text lines (JSON lines bring their own). */
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

export function simulateDelivery(lines: readonly string[], all: readonly Subscription[], options: SimulateOptions = {}): Delivery[] {
  const { logStream = 'local', owner = '123456789012', now = Date.now() } = options;
  const events = lines.map((line, i) => {
    const { timestamp, message } = parseLogLine(line, now + i);
    return { id: eventId(timestamp, i), timestamp, message };
  });
  return selectSubscriptions(all, options).map((subscription) => {
    const matches = compileFilterPattern(subscription.filterPattern);
    const matched = events.filter((event) => matches(event.message).matched);
    const key = { owner, logGroup: subscription.logGroupName, logStream, filterName: subscription.name };
    return { subscription, matched: matched.length, payloads: batchLogEvents(key, matched) };
  });
}

export type Handler = (event: LogsEvent, context: Context) => Promise<unknown>;

/**
 * Sends each delivery's payloads to `handler`, encoded as CloudWatch Logs sends them, reporting
 * through `report`. Returns the exit code: 1 when the handler threw (the rest is not sent).
 */
export async function invokeHandler(
  deliveries: readonly Delivery[],
  linesRead: number,
  handler: Handler,
  context: () => Context,
  report: (line: string) => void,
): Promise<number> {
  const summary = [`lines read: ${linesRead}`];
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
    const pattern = subscription.filterPattern === '' ? 'every event' : JSON.stringify(subscription.filterPattern);
    summary.push(`${subscription.name} (${subscription.logGroupName}, ${pattern}): ${matched} matched, ${payloads.length} batch${payloads.length === 1 ? '' : 'es'}, ${bytes} bytes`);
  }
  report(summary.join('\n'));
  return 0;
}
