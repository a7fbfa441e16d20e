/**
 * CloudWatch Logs' delivery, simulated: which log lines each subscription filter forwards, and the
 * payloads it would send the function for them.
 */
import type { Context } from 'aws-lambda';
import { DEFAULT_STACK_NAME, isLogLambdaLogGroup, OWN_LOG_GROUP_MARKER, ownLogGroups } from '../lib/own-log-groups.js';
import { excludedLogGroups } from '../lib/settings.js';
import { isAccount, isNamed, isPrefix, type AnySubscription } from '../lib/subscription-kinds.js';
import { batchLogEvents, encodeLogsEvent, eventId, type BatchKey, type InputEvent, type LogEvent, type LogsEvent, type LogsPayload } from './log-lambda/delivery.js';
import { compileFilterPattern } from './log-lambda/filter-pattern.js';

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
  subscription: AnySubscription;
  /** The log group the events came from. */
  logGroup: string;
  matched: number;
  payloads: LogsPayload[];
}

/**
 * The log group a subscription's deliveries come from: `logGroup` (the one the lines were written
 * to) or, without it, the subscription's own: its log group, its prefix itself (a name under it),
 * or `local` for the account policy.
 */
export function deliveringLogGroup(subscription: AnySubscription, logGroup?: string): string {
  if (logGroup !== undefined) return logGroup;
  if (isNamed(subscription)) return subscription.logGroupName;
  if (isPrefix(subscription)) return subscription.logGroupNamePrefix;
  return 'local';
}

/** Why the prefix subscriptions and the account policy leave `logGroup` alone; undefined when they do not. */
export function leftAlone(logGroup: string, stackName = DEFAULT_STACK_NAME): string | undefined {
  const own = ownLogGroups(stackName);
  if (logGroup === own.echo) return `${logGroup} is the echo function's own log group: subscribing it would invoke the function with its own logs, forever`;
  if (logGroup === own.subscriber) return `${logGroup} is the subscriber function's own log group, never subscribed`;
  if (isLogLambdaLogGroup(logGroup)) return `${logGroup} is another log-lambda stack's own log group (under ${OWN_LOG_GROUP_MARKER}), never subscribed: the two stacks would invoke each other forever`;
  if (excludedLogGroups.includes(logGroup)) return `${logGroup} is in excludedLogGroups (cdk.json's context)`;
  return undefined;
}

/** Whether `subscription` delivers events written to `logGroup` (any log group it covers, when undefined). */
function covers(subscription: AnySubscription, logGroup: string | undefined): boolean {
  if (logGroup === undefined) return true;
  if (isNamed(subscription)) return subscription.logGroupName === logGroup;
  if (leftAlone(logGroup)) return false;
  return isAccount(subscription) || (isPrefix(subscription) && logGroup.startsWith(subscription.logGroupNamePrefix));
}

/** The subscriptions the options select; an Error naming the flag, and why, when none is. */
export function selectSubscriptions(all: readonly AnySubscription[], { logGroup, filter }: SimulateOptions): AnySubscription[] {
  const selected = all.filter((s) => (filter === undefined || s.name === filter) && covers(s, logGroup));
  if (selected.length === 0) {
    const known = filter === undefined ? all.map(subscriptionTarget) : all.map((s) => s.name);
    const why = logGroup === undefined ? undefined : leftAlone(logGroup);
    throw new Error(`${filter === undefined ? `--log-group ${logGroup}` : `--filter ${filter}`}${filter !== undefined && logGroup !== undefined ? ` with --log-group ${logGroup}` : ''} matches no subscription in lib/subscriptions.ts (there: ${[...new Set(known)].join(', ')})${why ? `: ${why}` : ''}`);
  }
  return selected;
}

/** What a subscription covers, for people: `/app/api`, `/app/*`, `every log group`. */
export function subscriptionTarget(subscription: AnySubscription): string {
  if (isNamed(subscription)) return subscription.logGroupName;
  if (isPrefix(subscription)) return `${subscription.logGroupNamePrefix}*`;
  return 'every log group';
}

/** What CloudWatch Logs puts around a subscription's events: an account policy's deliveries say so in `policyLevel`. */
export function batchKey(subscription: AnySubscription, where: Omit<BatchKey, 'filterName' | 'policyLevel'>): BatchKey {
  return { ...where, filterName: subscription.name, ...(isAccount(subscription) && { policyLevel: 'ACCOUNT_LEVEL_POLICY' }) };
}

/**
 * What each selected subscription filter would send: the events its pattern matches, one payload
 * per log stream (in the order the streams first appear), split as CloudWatch Logs splits them.
 * A string is a message, exactly as written, stamped `now`. An event keeps its id (from
 * filter-log-events' eventId); one without is given one.
 */
export function simulateDelivery(input: ReadonlyArray<string | InputEvent>, all: readonly AnySubscription[], options: SimulateOptions = {}): Delivery[] {
  const { logStream = 'local', owner = '123456789012', now = Date.now() } = options;
  const events = input.map((item, i) => {
    const { timestamp, message, id = eventId(timestamp, i), logStream: stream = logStream } = typeof item === 'string' ? { timestamp: now, message: item } : item;
    return { stream, event: { id, timestamp, message } };
  });
  return selectSubscriptions(all, options).map((subscription) => {
    const matches = compileFilterPattern(subscription.filterPattern);
    const logGroup = deliveringLogGroup(subscription, options.logGroup);
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
      batchLogEvents(batchKey(subscription, { logGroup, logStream: stream, owner }), streamEvents),
    );
    return { subscription, logGroup, matched, payloads };
  });
}

export type Handler = (event: LogsEvent, context: Context) => Promise<unknown>;

/** How a subscription reads in the summary: name, the log group its events came from, and pattern. */
export function describeSubscription({ name, filterPattern }: AnySubscription, logGroup: string): string {
  return `${name} (${logGroup}, ${filterPattern === '' ? 'every event' : JSON.stringify(filterPattern)})`;
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
  for (const { subscription, logGroup, matched, payloads } of deliveries) {
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
    summary.push(`${describeSubscription(subscription, logGroup)}: ${matched} matched, ${payloads.length} batch${payloads.length === 1 ? '' : 'es'}, ${bytes} bytes`);
  }
  report(summary.join('\n'));
  return 0;
}
