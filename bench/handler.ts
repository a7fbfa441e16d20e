/**
 * The generated handler's cost: the size of its bundle in cdk.out, and the time and memory to
 * decode a 1 MB batch of 10,000 events, against bare gunzip + JSON.parse (goal: within 1.3x).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { encodeLogsEvent, eventId, type LogsEvent } from '@log-lambda/shared';
import { median } from './measure.js';

export interface HandlerRow {
  bundleBytes: number;
  batchJsonBytes: number;
  decodeMs: number;
  bareMs: number;
  ratio: number;
  /** Extra resident memory of one invocation, in a fresh process. */
  peakRssDeltaMb: number;
}

/** 10,000 events whose JSON is about 1 MB, as CloudWatch Logs would send them. */
export function oneMegabyteBatch(): LogsEvent {
  const logEvents = Array.from({ length: 10_000 }, (_, i) => ({
    id: eventId(1767225600000 + i, i),
    timestamp: 1767225600000 + i,
    message: `[ERROR] request ${String(i).padStart(5, '0')} failed`,
  }));
  return encodeLogsEvent({ messageType: 'DATA_MESSAGE', owner: '123456789012', logGroup: '/aws/lambda/versions', logStream: 'bench', subscriptionFilters: ['bench'], logEvents });
}

export function findBundle(project: string): string {
  const out = path.join(project, 'cdk.out');
  const asset = readdirSync(out).find((entry) => entry.startsWith('asset.') && statSync(path.join(out, entry)).isDirectory());
  if (!asset) throw new Error(`no bundled asset in ${out}: run cdk synth first`);
  return path.join(out, asset, 'index.mjs');
}

export async function benchHandler(project: string): Promise<HandlerRow> {
  const bundle = findBundle(project);
  process.env['LOG_LEVEL'] = 'WARN'; // measure decoding, not writing 1 MB of log lines
  const { handler } = (await import(pathToFileURL(bundle).href)) as { handler: (event: unknown, context: unknown) => Promise<unknown> };
  const event = oneMegabyteBatch();
  const batchJsonBytes = gunzipSync(Buffer.from(event.awslogs.data, 'base64')).length;
  // Alternating rounds, so that both see the same JIT warm-up and garbage-collector state.
  const runs = { handler: [] as number[], bare: [] as number[] };
  const bare = () => JSON.parse(gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString('utf8'));
  for (let round = 0; round < 45; round++) {
    let started = performance.now();
    await handler(event, { awsRequestId: 'bench' });
    runs.handler.push(performance.now() - started);
    started = performance.now();
    bare();
    runs.bare.push(performance.now() - started);
  }
  const decodeMs = median(runs.handler.slice(5)); // the first rounds warm up
  const bareMs = median(runs.bare.slice(5));
  return { bundleBytes: readFileSync(bundle).length, batchJsonBytes, decodeMs, bareMs, ratio: decodeMs / bareMs, peakRssDeltaMb: peakRssDelta(bundle, event) };
}

/** Max RSS of a fresh process that invokes the handler once, minus one that only prepares to. */
function peakRssDelta(bundle: string, event: LogsEvent): number {
  const script = (invoke: boolean) => `
    const { handler } = await import(${JSON.stringify(pathToFileURL(bundle).href)});
    const event = JSON.parse((await import('node:fs')).readFileSync(process.argv[1], 'utf8'));
    ${invoke ? "await handler(event, { awsRequestId: 'bench' });" : ''}
    console.log(process.resourceUsage().maxRSS);`;
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'bench-event-')), 'event.json');
  writeFileSync(file, JSON.stringify(event));
  const rss = (invoke: boolean) => {
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script(invoke), file], {
      encoding: 'utf8',
      env: { ...process.env, LOG_LEVEL: 'WARN' },
    });
    if (child.status !== 0) throw new Error(child.stderr);
    return Number(child.stdout.trim()) / 1024;
  };
  return rss(true) - rss(false);
}
