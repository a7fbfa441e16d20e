/**
 * `npm run invoke -- [--file app.log] [--format lines|filter-log-events] [--log-group G] [--filter NAME]`:
 * pushes log events (a file, standard input, or --message) through the subscription filters of
 * lib/subscriptions.ts into the real handler, as CloudWatch Logs would deliver them. No AWS
 * account, no Docker. `npm run event` is `npm run invoke -- --print`: the events, printed.
 *
 * CloudWatch Logs' delivery, simulated (below, and in test/log-lambda/filters.test.ts): which log
 * lines each subscription filter forwards, and the payloads it would send the function for them.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, realpathSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Context } from 'aws-lambda';
import { <% if (has('prefix', 'account')) { %>cdkJsonContext, <% } %>DEFAULT_STACK_NAME, <% if (has('account')) { %>isAccount, <% } %>isLogLambdaLogGroup, <% if (has('named')) { %>isNamed, <% } %><% if (has('prefix')) { %>isPrefix, <% } %>OWN_LOG_GROUP_MARKER, ownLogGroups, type Subscription } from '../../lib/log-lambda/rules.js';
import { subscriptions } from '../../lib/subscriptions.js';
import { handler } from '../../src/log-lambda/handler.js';
import {
  batchLogEvents,
  encodeLogsEvent,
  eventId,
  INPUT_FORMATS,
  parseInput,
  type BatchKey,
  type InputEvent,
  type InputFormat,
  type LogEvent,
  type LogsEvent,
  type LogsPayload,
} from './delivery.js';
import { compileFilterPattern } from './filter-pattern.js';
import { useLambdaConsole } from './lambda-console.js';
<% if (has('prefix', 'account')) { -%>

/** Left alone by prefix subscriptions and the account policy, besides log-lambda's own log groups: excludedLogGroups in cdk.json's context. */
const excluded = cdkJsonContext()['excludedLogGroups'];
const excludedLogGroups: readonly string[] = Array.isArray(excluded) ? excluded.filter((name): name is string => typeof name === 'string') : [];
<% } -%>

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
export function deliveringLogGroup(subscription: Subscription, logGroup?: string): string {
  if (logGroup !== undefined) return logGroup;
<% if (has('named')) { -%>
  if (isNamed(subscription)) return subscription.logGroupName;
<% } -%>
<% if (has('prefix')) { -%>
  if (isPrefix(subscription)) return subscription.logGroupNamePrefix;
<% } -%>
  return 'local';
}

/** Why no log-lambda stack subscribes `logGroup`; undefined when one may. */
export function leftAlone(logGroup: string, stackName = DEFAULT_STACK_NAME): string | undefined {
  const own = ownLogGroups(stackName);
  if (logGroup === own.echo) return `${logGroup} is the echo function's own log group: subscribing it would invoke the function with its own logs, forever`;
<% if (has('prefix')) { -%>
  if (logGroup === own.subscriber) return `${logGroup} is the subscriber function's own log group, never subscribed`;
<% } -%>
  if (isLogLambdaLogGroup(logGroup))
    return `${logGroup} is another log-lambda stack's own log group (under ${OWN_LOG_GROUP_MARKER}), never subscribed: the two stacks would invoke each other forever`;
<% if (has('prefix', 'account')) { -%>
  if (excludedLogGroups.includes(logGroup)) return `${logGroup} is in excludedLogGroups (cdk.json's context)`;
<% } -%>
  return undefined;
}

/** Whether `subscription` delivers events written to `logGroup` (any log group it covers, when undefined). */
function covers(subscription: Subscription, logGroup: string | undefined): boolean {
  if (logGroup === undefined) return true;
<% if (has('named')) { -%>
  if (isNamed(subscription)) return subscription.logGroupName === logGroup;
<% } -%>
<% if (has('prefix', 'account')) { -%>
  if (leftAlone(logGroup)) return false;
<% } -%>
<% if (has('prefix')) { -%>
  if (isPrefix(subscription)) return logGroup.startsWith(subscription.logGroupNamePrefix);
<% } -%>
  return <%- has('account') ? 'true' : 'false' %>;
}

/** The subscriptions the options select; an Error naming the flag, and why, when none is. */
export function selectSubscriptions(all: readonly Subscription[], { logGroup, filter }: SimulateOptions): Subscription[] {
  const selected = all.filter((s) => (filter === undefined || s.name === filter) && covers(s, logGroup));
  if (selected.length === 0) {
    const known = filter === undefined ? all.map(subscriptionTarget) : all.map((s) => s.name);
    const why = logGroup === undefined ? undefined : leftAlone(logGroup);
    throw new Error(
      `${filter === undefined ? `--log-group ${logGroup}` : `--filter ${filter}`}${filter !== undefined && logGroup !== undefined ? ` with --log-group ${logGroup}` : ''} matches no subscription in lib/subscriptions.ts (there: ${[...new Set(known)].join(', ')})${why ? `: ${why}` : ''}`,
    );
  }
  return selected;
}

/** What a subscription covers, for people: `/app/api`, `/app/*`, `every log group`. */
export function subscriptionTarget(subscription: Subscription): string {
<% if (has('named')) { -%>
  if (isNamed(subscription)) return subscription.logGroupName;
<% } -%>
<% if (has('prefix')) { -%>
  if (isPrefix(subscription)) return `${subscription.logGroupNamePrefix}*`;
<% } -%>
  return 'every log group';
}

/** What CloudWatch Logs puts around a subscription's events: an account policy's deliveries say so in `policyLevel`. */
export function batchKey(subscription: Subscription, where: Omit<BatchKey, 'filterName' | 'policyLevel'>): BatchKey {
  return { ...where, filterName: subscription.name<% if (has('account')) { %>, ...(isAccount(subscription) && { policyLevel: 'ACCOUNT_LEVEL_POLICY' })<% } %> };
}

/**
 * What each selected subscription filter would send: the events its pattern matches, one payload
 * per log stream (in the order the streams first appear), split as CloudWatch Logs splits them.
 * A string is a message, exactly as written, stamped `now`. An event keeps its id (from
 * filter-log-events' eventId); one without is given one.
 */
export function simulateDelivery(input: ReadonlyArray<string | InputEvent>, all: readonly Subscription[], options: SimulateOptions = {}): Delivery[] {
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
    const payloads = [...byStream].flatMap(([stream, streamEvents]) => batchLogEvents(batchKey(subscription, { logGroup, logStream: stream, owner }), streamEvents));
    return { subscription, logGroup, matched, payloads };
  });
}

export type Handler = (event: LogsEvent, context: Context) => Promise<unknown>;

/** How a subscription reads in the summary: name, the log group its events came from, and pattern. */
export function describeSubscription({ name, filterPattern }: Subscription, logGroup: string): string {
  return `${name} (${logGroup}, ${filterPattern === '' ? 'every event' : JSON.stringify(filterPattern)})`;
}

/**
 * Sends each delivery's payloads to `handler`, encoded as CloudWatch Logs sends them, reporting
 * through `report`. Returns the exit code: 1 when the handler threw (the rest is not sent).
 * `read` opens the summary: what was read, like "lines read: 3".
 */
export async function invokeHandler(deliveries: readonly Delivery[], read: string, handler: Handler, context: () => Context, report: (line: string) => void): Promise<number> {
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

const usage = `Usage: npm run invoke -- [--file app.log | --message M ...] [--format lines|filter-log-events] [--log-group G] [--filter NAME] [--log-stream S] [--print]

Reads log events from --file, --message or standard input, applies each subscription filter's
pattern, and invokes the handler (src/log-lambda/handler.ts, which calls src/process.ts) with what
CloudWatch Logs would send: one gzip+base64 payload per filter and stream, split at 1 MB.
  --format lines              each line is one log event's message, exactly as written (the default);
                              a JSON line is a JSON message, stamped with the time of the run
  --format filter-log-events  the JSON of \`aws logs filter-log-events --output json\` ({"events": [...]}):
                              each event keeps its id, timestamp and log stream
  --log-group G   the events were written to G: the subscriptions that cover it get them, by name,
                  prefix or the account policy (default: each subscription's own log group)
  --filter NAME   only this subscription filter
  --log-stream S  the log stream of events that do not name theirs (default: local)
  --message M     a line to read, instead of the file or standard input; repeat it for more
  --print         print each event instead of invoking the handler, for the Lambda console's
                  test tab or a test (npm run event -- --message "[ERROR] boom")`;

/** A Lambda context, as the runtime gives the handler one (the tests use it too). */
export function lambdaContext(awsRequestId: string = randomUUID()): Context {
  const functionName = 'local-echo';
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:123456789012:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** All of a stream, as text. Standard input is read as a stream: in a terminal it ends with Ctrl-D. */
async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function readInput(file: string | undefined): Promise<string> {
  if (file === undefined) {
    if (process.stdin.isTTY) console.error('Type log lines, one event per line, then press Ctrl-D on an empty line to send them (Ctrl-Z then Enter on Windows).');
    return readAll(process.stdin);
  }
  try {
    return await readAll(createReadStream(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : (error as Error).message;
    throw new Error(`--file ${file}: ${problem}`);
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      file: { type: 'string' },
      format: { type: 'string', default: 'lines' },
      'log-group': { type: 'string' },
      'log-stream': { type: 'string' },
      filter: { type: 'string' },
      message: { type: 'string', multiple: true },
      print: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const format = values.format as InputFormat;
  if (!INPUT_FORMATS.includes(format)) throw new Error(`--format ${values.format}: use ${INPUT_FORMATS.join(' or ')} (npm run invoke -- --help)`);
  const options = {
    ...(values['log-group'] !== undefined && { logGroup: values['log-group'] }),
    ...(values.filter !== undefined && { filter: values.filter }),
    ...(values['log-stream'] !== undefined && { logStream: values['log-stream'] }),
  };
  selectSubscriptions(subscriptions, options); // a flag that selects nothing fails before any input is read
  const input = values.message ? values.message.join('\n') : await readInput(values.file);
  const events = parseInput(input, format, Date.now());
  const deliveries = simulateDelivery(events, subscriptions, options);
  if (values.print) {
    for (const payload of deliveries.flatMap((delivery) => delivery.payloads)) console.log(JSON.stringify(encodeLogsEvent(payload), null, 2));
    return 0;
  }

  // The handler's console output as Lambda writes it (JSON, AWS_LAMBDA_LOG_LEVEL honoured); the report goes to stderr.
  let requestId = '';
  useLambdaConsole({ requestId: () => requestId });
  const context = () => {
    const invocation = lambdaContext();
    requestId = invocation.awsRequestId;
    return invocation;
  };
  const read = `${format === 'lines' ? 'lines' : 'events'} read: ${events.length}`;
  return invokeHandler(deliveries, read, handler, context, (line) => process.stderr.write(`${line}\n`));
}

// Run as the command (npm run invoke), not when a test imports the simulation above.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
