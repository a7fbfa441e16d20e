import assert from 'node:assert/strict';
import { mock } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { CloudWatchLogsEvent, Context } from 'aws-lambda';
import type { DecodedLogs } from '../src/decode.js';

/**
 * Collects the JSON lines the handler logs to stdout, until the test's `mock.restoreAll()`.
 * Anything else written there (the test runner's own reports) passes through.
 */
export function captureLogs(): Array<Record<string, unknown>> {
  const logged: Array<Record<string, unknown>> = [];
  const write = process.stdout.write.bind(process.stdout) as (chunk: unknown, ...rest: unknown[]) => boolean;
  mock.method(process.stdout, 'write', (chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk !== 'string' || !chunk.startsWith('{')) return write(chunk, ...rest);
    logged.push(JSON.parse(chunk) as Record<string, unknown>);
    return true;
  });
  return logged;
}

/** Asserts that `actual` has each property of `expected`, with an equal value; it may have others. */
export function assertHas(actual: Record<string, unknown> | undefined, expected: Record<string, unknown>): void {
  assert.deepEqual(Object.fromEntries(Object.keys(expected).map((key) => [key, actual?.[key]])), expected);
}

/** Encodes a payload the way CloudWatch Logs delivers it: base64(gzip(JSON)). */
export function encode(payload: unknown): CloudWatchLogsEvent {
  return { awslogs: { data: gzipSync(JSON.stringify(payload)).toString('base64') } };
}

/** Wraps raw bytes (not necessarily valid) as `awslogs.data`. */
export function encodeBytes(bytes: Buffer): CloudWatchLogsEvent {
  return { awslogs: { data: bytes.toString('base64') } };
}

export function dataMessage(messages: string[], overrides: Partial<DecodedLogs> = {}): DecodedLogs {
  return {
    messageType: 'DATA_MESSAGE',
    owner: '123456789012',
    logGroup: '/aws/lambda/versions',
    logStream: '2026/01/01/[$LATEST]0123456789abcdef',
    subscriptionFilters: ['my-filter'],
    logEvents: messages.map((message, i) => ({ id: String(37000000000000000000000000000000000000000000000000000000n + BigInt(i)), timestamp: 1767225600000 + i, message })),
    ...overrides,
  };
}

/** What CloudWatch Logs sends to check that the destination is reachable. */
export function controlMessage(): DecodedLogs {
  return {
    messageType: 'CONTROL_MESSAGE',
    owner: 'CloudwatchLogs',
    logGroup: '',
    logStream: '',
    subscriptionFilters: [],
    logEvents: [{ id: '', timestamp: 1767225600000, message: 'CWL CONTROL MESSAGE: Checking health of destination Lambda function.' }],
  };
}

export function lambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: '<%- stackName %>-Echo',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:<%- stackName %>-Echo',
    memoryLimitInMB: '256',
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    logGroupName: <%- tsString(functionLogGroupName) %>,
    logStreamName: '2026/01/01/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
