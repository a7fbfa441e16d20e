/**
 * `npm run invoke -- [--file app.log] [--log-group G] [--filter NAME]`: pushes log lines (a file,
 * or standard input) through the subscription filters of lib/subscriptions.ts into the real
 * handler, as CloudWatch Logs would deliver them. No AWS account, no Docker.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Context } from 'aws-lambda';
import { subscriptions } from '../lib/subscriptions.js';
import { handler } from '../src/handler.js';
import { useLambdaConsole } from './lambda-console.js';
import { invokeHandler, simulateDelivery } from './simulate.js';

const usage = `Usage: npm run invoke -- [--file app.log] [--log-group G] [--filter NAME] [--log-stream S]

Reads log lines (plain text, or JSON lines {"timestamp": ms, "message": "..."}) from --file or
standard input, applies each subscription filter's pattern, and invokes src/handler.ts with what
CloudWatch Logs would send: one gzip+base64 payload per filter and stream, split at 1 MB.
  --log-group G   the lines were written to G: the subscriptions that cover it get them, by name,
                  prefix or the account policy (default: each subscription's own log group)
  --filter NAME   only this subscription filter
  --log-stream S  the log stream's name (default: local)`;

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

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      file: { type: 'string' },
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
  if (!values.file && process.stdin.isTTY) console.error('Reading log lines from standard input; end with Ctrl-D.');
  const text = readFileSync(values.file ?? 0, 'utf8');
  const lines = text.split(/\r?\n/).filter((line) => line.length > 0);
  const deliveries = simulateDelivery(lines, subscriptions, {
    ...(values['log-group'] !== undefined && { logGroup: values['log-group'] }),
    ...(values.filter !== undefined && { filter: values.filter }),
    ...(values['log-stream'] !== undefined && { logStream: values['log-stream'] }),
  });

  // The handler's console output as Lambda writes it (JSON, AWS_LAMBDA_LOG_LEVEL honoured); the report goes to stderr.
  let requestId = '';
  useLambdaConsole({ requestId: () => requestId });
  const context = () => {
    const invocation = lambdaContext();
    requestId = invocation.awsRequestId;
    return invocation;
  };
  return invokeHandler(deliveries, lines.length, handler, context, (line) => process.stderr.write(`${line}\n`));
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
