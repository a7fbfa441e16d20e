/**
 * CloudWatch Logs' delivery, simulated: which log lines each subscription filter forwards, and the
 * payloads it would send the function for them.
 */
import { type Subscription } from '../lib/subscriptions.js';
import { batchLogEvents, eventId, parseLogLine, type LogsPayload } from './delivery.js';
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
