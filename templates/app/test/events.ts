import { gzipSync } from 'node:zlib';
import type { CloudWatchLogsEvent, Context } from 'aws-lambda';
import type { DecodedLogs } from '../src/decode.js';

/** Encodes a payload the way CloudWatch Logs delivers it: base64(gzip(JSON)). */
export function encode(payload: unknown): CloudWatchLogsEvent {
  return { awslogs: { data: gzipSync(JSON.stringify(payload)).toString('base64') } };
}

/**
 * Gzip that decompresses to `bytes` zeros (a multiple of 16 MiB): 1 GB fits in about 1 MB, as
 * gzip members one after the other, which gunzip reads as one stream.
 */
export function gzipBomb(bytes: number): Buffer {
  const member = gzipSync(Buffer.alloc(16 * 1024 * 1024));
  return Buffer.concat(Array.from({ length: Math.ceil(bytes / (16 * 1024 * 1024)) }, () => member));
}

/** Encodes JSON text as it is: what JSON.stringify cannot write, such as a timestamp of 1e400. */
export function encodeJson(json: string): CloudWatchLogsEvent {
  return encodeBytes(gzipSync(json));
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
