/**
 * `npm run invoke -- [--file app.log] [--format lines|filter-log-events] [--log-group G] [--filter NAME]`:
 * pushes log events (a file, or standard input) through the subscription filters of
 * lib/subscriptions.ts into the real handler, as CloudWatch Logs would deliver them. No AWS
 * account, no Docker.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { Context } from 'aws-lambda';
import { subscriptions } from '../lib/subscriptions.js';
import { handler } from '../src/handler.js';
import { INPUT_FORMATS, parseInput, type InputFormat } from './log-lambda/delivery.js';
import { useLambdaConsole } from './log-lambda/lambda-console.js';
import { invokeHandler, selectSubscriptions, simulateDelivery } from './simulate.js';

const usage = `Usage: npm run invoke -- [--file app.log] [--format lines|filter-log-events] [--log-group G] [--filter NAME] [--log-stream S]

Reads log events from --file or standard input, applies each subscription filter's pattern, and
invokes src/handler.ts with what CloudWatch Logs would send: one gzip+base64 payload per filter
and stream, split at 1 MB.
  --format lines              each line is one log event's message, exactly as written (the default);
                              a JSON line is a JSON message, stamped with the time of the run
  --format filter-log-events  the JSON of \`aws logs filter-log-events --output json\` ({"events": [...]}):
                              each event keeps its id, timestamp and log stream
  --log-group G   the events were written to G: the subscriptions that cover it get them, by name,
                  prefix or the account policy (default: each subscription's own log group)
  --filter NAME   only this subscription filter
  --log-stream S  the log stream of events that do not name theirs (default: local)`;

function lambdaContext(): Context {
  const functionName = 'local-echo';
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:123456789012:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: randomUUID(),
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
  const events = parseInput(await readInput(values.file), format, Date.now());
  const deliveries = simulateDelivery(events, subscriptions, options);

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

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
