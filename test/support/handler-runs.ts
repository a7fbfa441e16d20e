/**
 * The generated handler's hardest inputs, and a fresh process to run its bundle (from cdk.out) in,
 * for peak memory: shared by the end-to-end tests and `pnpm bench`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { encodeLogsEvent, eventId, type LogsEvent } from '@log-lambda/shared';

/** 10,000 events whose JSON is about 1 MB: the largest batch CloudWatch Logs sends. */
export function oneMegabyteBatch(): LogsEvent {
  const logEvents = Array.from({ length: 10_000 }, (_, i) => ({
    id: eventId(1767225600000 + i, i),
    timestamp: 1767225600000 + i,
    message: `[ERROR] request ${String(i).padStart(5, '0')} failed`,
  }));
  return encodeLogsEvent({ messageType: 'DATA_MESSAGE', owner: '123456789012', logGroup: '/aws/lambda/versions', logStream: 'bench', subscriptionFilters: ['bench'], logEvents });
}

/**
 * `awslogs.data` that decompresses to `bytes` zeros (a multiple of 16 MiB; 1 GiB by default, from
 * about 1 MB of gzip, 1.39 MB as base64), as gzip members one after the other.
 */
export function gzipBombEvent(bytes = 1024 * 1024 * 1024): LogsEvent {
  const member = gzipSync(Buffer.alloc(16 * 1024 * 1024));
  return { awslogs: { data: Buffer.concat(Array.from({ length: Math.ceil(bytes / (16 * 1024 * 1024)) }, () => member)).toString('base64') } };
}

/** The handler bundle `cdk synth` wrote to a project's cdk.out. */
export function findBundle(project: string): string {
  const out = path.join(project, 'cdk.out');
  const asset = readdirSync(out).find((entry) => entry.startsWith('asset.') && statSync(path.join(out, entry)).isDirectory());
  if (!asset) throw new Error(`no bundled asset in ${out}: run cdk synth first`);
  return path.join(out, asset, 'index.mjs');
}

export interface FreshRun {
  /** Peak resident memory of the invocation: the process's maximum, less that of one that only read the event. */
  rssDeltaMb: number;
  milliseconds: number;
  /** What the handler returned: its messageType and how many events. */
  returned?: { messageType: string; events: number };
  /** The message of what it threw. */
  error?: string;
  /** What it wrote to standard output. */
  stdout: string;
}

/** Invokes the bundle once with `event` in a new Node.js process, at Lambda's production log level unless `env` says otherwise. */
export function invokeInFreshProcess(bundle: string, event: LogsEvent, env: NodeJS.ProcessEnv = {}): FreshRun {
  const folder = mkdtempSync(path.join(tmpdir(), 'handler-run-'));
  try {
    const eventFile = path.join(folder, 'event.json');
    writeFileSync(eventFile, JSON.stringify(event));
    const run = (invoke: boolean) => {
      const reportFile = path.join(folder, `report-${invoke}.json`);
      const script = `
        import { readFileSync, writeFileSync } from 'node:fs';
        const { handler } = await import(${JSON.stringify(pathToFileURL(bundle).href)});
        const event = JSON.parse(readFileSync(${JSON.stringify(eventFile)}, 'utf8'));
        const report = {};
        if (${invoke}) {
          const context = { awsRequestId: 'fresh-run', invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:echo', functionVersion: '$LATEST' };
          const started = performance.now();
          try {
            const result = await handler(event, context);
            report.returned = result && { messageType: result.messageType, events: result.logEvents.length };
          } catch (error) {
            report.error = error.message;
          }
          report.milliseconds = performance.now() - started;
        }
        report.maxRssKb = process.resourceUsage().maxRSS;
        writeFileSync(${JSON.stringify(reportFile)}, JSON.stringify(report));`;
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        encoding: 'utf8',
        env: { ...process.env, AWS_LAMBDA_LOG_LEVEL: 'INFO', ...env },
        maxBuffer: 256 * 1024 * 1024,
      });
      if (child.status !== 0) throw new Error(`the handler's process failed (exit ${child.status}): ${child.stderr}`);
      return {
        ...(JSON.parse(readFileSync(reportFile, 'utf8')) as { maxRssKb: number; milliseconds?: number; returned?: FreshRun['returned']; error?: string }),
        stdout: child.stdout,
      };
    };
    const idle = run(false);
    const invoked = run(true);
    return {
      rssDeltaMb: (invoked.maxRssKb - idle.maxRssKb) / 1024,
      milliseconds: invoked.milliseconds ?? 0,
      ...(invoked.returned && { returned: invoked.returned }),
      ...(invoked.error !== undefined && { error: invoked.error }),
      stdout: invoked.stdout,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
