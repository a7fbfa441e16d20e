/**
 * The generated handler's cost: the size of its bundle in cdk.out; the time to decode and log a
 * 1 MB batch of 10,000 events at Lambda's production log level, against the least an echo can do
 * (goal: within 1.3x); and peak memory for that batch and for a 1 GB gzip bomb.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { useLambdaConsole, type LogsEvent } from '@log-lambda/shared';
import { findBundle, gzipBombEvent, invokeInFreshProcess, oneMegabyteBatch } from '../test/support/handler-runs.js';
import { median } from './measure.js';

export interface HandlerRow {
  bundleBytes: number;
  batchJsonBytes: number;
  /** The handler on the batch, writing its log records (one per event, and a summary) into a sink. */
  handlerMs: number;
  /** The least an echo can do: gunzip, JSON.parse, and one JSON.stringify per event into a sink. */
  floorMs: number;
  ratio: number;
  /** The same echo with one console.info per event, as Lambda's runtime formats it (the handler writes its lines itself). */
  consolePerEventMs: number;
  /** Extra resident memory of one invocation with the batch, in a fresh process. */
  peakRssDeltaMb: number;
  /** A 1 GB gzip bomb (1.39 MB of base64), in a fresh process. */
  bomb: { rssDeltaMb: number; milliseconds: number; error: string };
}

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

export async function benchHandler(project: string): Promise<HandlerRow> {
  const bundle = findBundle(project);
  const { handler } = (await import(pathToFileURL(bundle).href)) as { handler: Handler };
  const event = oneMegabyteBatch();
  const batchJsonBytes = gunzipSync(Buffer.from(event.awslogs.data, 'base64')).length;
  const runs = await alternatingRounds(handler, event);

  const batch = invokeInFreshProcess(bundle, event);
  const bomb = invokeInFreshProcess(bundle, gzipBombEvent());
  if (bomb.error === undefined) throw new Error('the handler accepted a 1 GB gzip bomb');
  return {
    bundleBytes: readFileSync(bundle).length,
    batchJsonBytes,
    ...runs,
    ratio: runs.handlerMs / runs.floorMs,
    peakRssDeltaMb: batch.rssDeltaMb,
    bomb: { rssDeltaMb: bomb.rssDeltaMb, milliseconds: bomb.milliseconds, error: bomb.error },
  };
}

/**
 * The handler, the floor and the console echo in alternating rounds, so that all three see the same
 * JIT warm-up and garbage-collector state; everything they log goes to the same sink: console
 * calls as Lambda's runtime writes them at the production level (INFO), and standard output.
 */
async function alternatingRounds(handler: Handler, event: LogsEvent): Promise<{ handlerMs: number; floorMs: number; consolePerEventMs: number }> {
  // The sink encodes what it is given, as writing it would: that also makes a string built by
  // concatenation as costly as one JSON.stringify returned whole.
  let sunk = 0;
  const sink = (text: string) => {
    sunk += Buffer.byteLength(text);
  };
  const decode = () =>
    JSON.parse(gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString('utf8')) as {
      logGroup: string;
      logStream: string;
      subscriptionFilters: string[];
      logEvents: Array<{ id: string; timestamp: number; message: string }>;
    };
  const floor = () => {
    for (const logEvent of decode().logEvents) sink(JSON.stringify(logEvent));
  };
  const consolePerEvent = () => {
    const { logGroup, logStream, subscriptionFilters, logEvents } = decode();
    const filter = subscriptionFilters.join(', ');
    for (const { id, timestamp, message } of logEvents) console.info({ kind: 'log event', logGroup, logStream, filter, id, timestamp, message });
  };

  const logLevel = process.env['AWS_LAMBDA_LOG_LEVEL'];
  const stdoutWrite = process.stdout.write;
  process.env['AWS_LAMBDA_LOG_LEVEL'] = 'INFO';
  const restoreConsole = useLambdaConsole({ requestId: () => 'bench', write: sink, level: 'INFO' });
  process.stdout.write = ((chunk: string) => (sink(chunk), true)) as typeof process.stdout.write;
  const runs = { handler: [] as number[], floor: [] as number[], console: [] as number[] };
  try {
    for (let round = 0; round < 45; round++) {
      let started = performance.now();
      await handler(event, { awsRequestId: 'bench' });
      runs.handler.push(performance.now() - started);
      started = performance.now();
      floor();
      runs.floor.push(performance.now() - started);
      started = performance.now();
      consolePerEvent();
      runs.console.push(performance.now() - started);
    }
  } finally {
    process.stdout.write = stdoutWrite;
    restoreConsole();
    if (logLevel === undefined) delete process.env['AWS_LAMBDA_LOG_LEVEL'];
    else process.env['AWS_LAMBDA_LOG_LEVEL'] = logLevel;
  }
  if (sunk === 0) throw new Error('nothing was logged');
  // The first rounds warm up.
  return { handlerMs: median(runs.handler.slice(5)), floorMs: median(runs.floor.slice(5)), consolePerEventMs: median(runs.console.slice(5)) };
}
