import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { CloudWatchLogsEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatJsonLine } from '../local/lambda-console.js';
import { failureRecord, MAX_MESSAGE_BYTES, type FailureRecord } from '../src/failure-queue.js';
import { handler } from '../src/handler.js';
import { MAX_LINE_BYTES } from '../src/log.js';
import { controlMessage, dataMessage, encode, encodeBytes, gzipBomb, lambdaContext } from './events.js';

const awsSample = JSON.parse(readFileSync(new URL('./fixtures/aws-sample-event.json', import.meta.url), 'utf8')) as CloudWatchLogsEvent;
const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/failures';

/** What the handler wrote to standard output (the event lines), line by line. */
let lines: string[];
/** What it passed to each console method. */
let consoleCalls: Record<'debug' | 'info' | 'warn' | 'error', unknown[][]>;
beforeEach(() => {
  lines = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  });
  consoleCalls = { debug: [], info: [], warn: [], error: [] };
  for (const method of ['debug', 'info', 'warn', 'error'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleCalls[method].push(args));
  }
});
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env['AWS_LAMBDA_LOG_LEVEL'];
  delete process.env['FAILURE_QUEUE_URL'];
  delete process.env['MAX_PAYLOAD_BYTES'];
});

const parsed = () => lines.map((line) => JSON.parse(line) as { timestamp: string; level: string; requestId: string; message: Record<string, unknown> });

describe('echo handler', () => {
  it("decodes AWS's sample event and returns it", async () => {
    const result = await handler(awsSample, lambdaContext());
    expect(result).toEqual({
      messageType: 'DATA_MESSAGE',
      owner: '123456789123',
      logGroup: 'testLogGroup',
      logStream: 'testLogStream',
      subscriptionFilters: ['testFilter'],
      logEvents: [
        { id: 'eventId1', timestamp: 1440442987000, message: '[ERROR] First test message' },
        { id: 'eventId2', timestamp: 1440442987001, message: '[ERROR] Second test message' },
      ],
    });
  });

  it('logs every event as its own structured record, and a summary of the batch', async () => {
    await handler(awsSample, lambdaContext());
    expect(parsed().map((line) => line.message)).toEqual([
      { kind: 'log event', logGroup: 'testLogGroup', logStream: 'testLogStream', filter: 'testFilter', id: 'eventId1', timestamp: 1440442987000, message: '[ERROR] First test message' },
      { kind: 'log event', logGroup: 'testLogGroup', logStream: 'testLogStream', filter: 'testFilter', id: 'eventId2', timestamp: 1440442987001, message: '[ERROR] Second test message' },
    ]);
    expect(consoleCalls.info).toEqual([
      [{ kind: 'batch', owner: '123456789123', logGroup: 'testLogGroup', logStream: 'testLogStream', filter: 'testFilter', events: 2, lines: 2 }],
    ]);
  });

  it("writes each event line exactly as Lambda's runtime writes console.info(record) in JSON format", async () => {
    await handler(awsSample, lambdaContext());
    for (const [index, line] of lines.entries()) {
      const { timestamp, requestId, level, message } = parsed()[index]!;
      expect(level).toBe('INFO');
      expect(requestId).toBe('c6af9ac6-7b61-11e6-9a41-93e812345678');
      expect(Date.parse(timestamp)).not.toBeNaN();
      expect(line).toBe(formatJsonLine(timestamp, requestId, 'INFO', message));
    }
  });

  it('keeps ids as strings and unicode messages intact', async () => {
    const payload = dataMessage(['Größe → 42 ✓', '{"level":"ERROR","msg":"a\\"b"}'], { policyLevel: 'ACCOUNT_LEVEL_POLICY' });
    const result = await handler(encode(payload), lambdaContext());
    expect(result).toEqual(payload);
    expect(typeof result?.logEvents[0]?.id).toBe('string');
    expect(parsed().map((line) => line.message['message'])).toEqual(['Größe → 42 ✓', '{"level":"ERROR","msg":"a\\"b"}']);
    expect(consoleCalls.info[0]?.[0]).toMatchObject({ policyLevel: 'ACCOUNT_LEVEL_POLICY' });
  });

  it('acknowledges a CONTROL_MESSAGE at DEBUG only', async () => {
    const result = await handler(encode(controlMessage()), lambdaContext());
    expect(result?.messageType).toBe('CONTROL_MESSAGE');
    expect(lines).toEqual([]);
    expect(consoleCalls.info).toEqual([]);
    expect(consoleCalls.debug).toEqual([[expect.objectContaining({ kind: 'control message' })]]);
  });

  it("writes no event lines when Lambda's application log level is above INFO", async () => {
    process.env['AWS_LAMBDA_LOG_LEVEL'] = 'WARN';
    await handler(awsSample, lambdaContext());
    expect(lines).toEqual([]);
    process.env['AWS_LAMBDA_LOG_LEVEL'] = 'DEBUG';
    await handler(awsSample, lambdaContext());
    expect(lines).toHaveLength(2);
  });
});

describe('no log line is longer than CloudWatch Logs takes (256 KB)', () => {
  // Quotes, backslashes and control characters grow in JSON; emoji are 4 bytes; a lone surrogate is escaped.
  const hard = `"\\\u0001é✓😀\ud800x`.repeat(60_000);

  it('splits a huge message into numbered parts that put it back together', async () => {
    const events = ['short', hard, 'x'.repeat(300_000)];
    await handler(encode(dataMessage(events)), lambdaContext());
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(MAX_LINE_BYTES);
    const records = parsed().map((line) => line.message);
    const byId = new Map<unknown, Array<Record<string, unknown>>>();
    for (const record of records) byId.set(record['id'], [...(byId.get(record['id']) ?? []), record]);
    expect([...byId.values()].map((parts) => parts.map((part) => part['message']).join(''))).toEqual(events);
    const split = byId.get(records[1]!['id'])!;
    expect(split.length).toBeGreaterThan(1);
    expect(split.map((part) => [part['part'], part['parts']])).toEqual(split.map((_, i) => [i + 1, split.length]));
    expect(records[0]).not.toHaveProperty('part');
    expect(consoleCalls.info[0]?.[0]).toMatchObject({ events: 3, lines: records.length });
  });
});

describe('malformed events are refused with what is wrong', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['no awslogs', { Records: [] }, /awslogs\.data is missing/],
    ['null event', null, /awslogs\.data is missing/],
    ['data not a string', { awslogs: { data: 42 } }, /awslogs\.data is missing or not a string/],
    ['not base64', { awslogs: { data: 'not base64!' } }, /not valid base64/],
    ['not gzip', encodeBytes(Buffer.from('plain text, not gzip')), /not gzip-compressed/],
    ['not JSON', encodeBytes(gzipSync('not json')), /does not hold JSON/],
    ['JSON but not an object', encode([1, 2]), /not a JSON object/],
    ['unknown messageType', encode({ ...dataMessage(['x']), messageType: 'DATA' }), /messageType "DATA" is neither DATA_MESSAGE nor CONTROL_MESSAGE/],
    ['missing logGroup', encode({ ...dataMessage(['x']), logGroup: undefined }), /no string "logGroup"/],
    ['a log stream no AWS name can be', encode({ ...dataMessage(['x']), logStream: 's'.repeat(513) }), /"logStream" is longer than 512 characters/],
    ['missing logEvents', encode({ ...dataMessage(['x']), logEvents: undefined }), /no "logEvents" list/],
    ['subscriptionFilters not strings', encode({ ...dataMessage(['x']), subscriptionFilters: [1] }), /"subscriptionFilters"/],
    ['numeric event id', encode(dataMessage(['x'], { logEvents: [{ id: 1, timestamp: 1, message: 'x' }] as never })), /logEvents\[0\]\.id is not a string/],
    ['missing message', encode(dataMessage(['x'], { logEvents: [{ id: '1', timestamp: 1 }] as never })), /logEvents\[0\]\.message is not a string/],
    ['missing timestamp', encode(dataMessage(['x'], { logEvents: [{ id: '1', message: 'x' }] as never })), /logEvents\[0\]\.timestamp is not a number/],
  ];

  it.each(cases)('%s', async (_name, event, message) => {
    await expect(handler(event as CloudWatchLogsEvent, lambdaContext())).rejects.toThrow(message);
  });

  it('throws a MalformedEventError where there is no failure queue (npm run invoke, tests)', async () => {
    await expect(handler({ awslogs: { data: '!!!!' } }, lambdaContext())).rejects.toMatchObject({ name: 'MalformedEventError' });
  });

  it('refuses a gzip bomb fast, with bounded memory, saying the payload is too large', async () => {
    const bomb = gzipBomb(1024 * 1024 * 1024); // 1 GB of zeros in about 1 MB of gzip
    const peakBefore = process.resourceUsage().maxRSS * 1024;
    await expect(handler(encodeBytes(bomb), lambdaContext())).rejects.toThrow(
      /^event\.awslogs\.data is too large: it decompresses to more than 8388608 bytes \(maxPayloadBytes\)/,
    );
    // gunzip stops at the limit; decompressing it all would take over 1 GB (other test files
    // running in parallel share this process, hence the margin).
    expect(process.resourceUsage().maxRSS * 1024 - peakBefore).toBeLessThan(512 * 1024 * 1024);
  });

  it('takes its limit from MAX_PAYLOAD_BYTES', async () => {
    process.env['MAX_PAYLOAD_BYTES'] = '1000';
    await expect(handler(awsSample, lambdaContext())).resolves.toBeDefined();
    await expect(handler(encode(dataMessage(['x'.repeat(1000)])), lambdaContext())).rejects.toThrow(/more than 1000 bytes/);
  });
});

describe('the failure path: malformed batches go to the failure queue without retries', () => {
  const sqs = mockClient(SQSClient);
  beforeEach(() => {
    sqs.reset();
    process.env['FAILURE_QUEUE_URL'] = QUEUE_URL;
  });

  it('sends a malformed batch to the queue with the reason, and succeeds so that Lambda does not retry it', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
    const event = encode({ ...dataMessage(['x']), messageType: 'DATA' });
    await expect(handler(event, lambdaContext())).resolves.toBeUndefined();

    const [call, ...more] = sqs.commandCalls(SendMessageCommand);
    expect(more).toEqual([]);
    expect(call!.args[0].input.QueueUrl).toBe(QUEUE_URL);
    const record = JSON.parse(call!.args[0].input.MessageBody!) as FailureRecord;
    expect(record).toMatchObject({
      version: '1.0',
      requestContext: { requestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678', condition: 'MalformedEvent', functionArn: lambdaContext().invokedFunctionArn },
      requestPayload: event,
      responseContext: { functionError: 'Handled' },
      responsePayload: { errorType: 'MalformedEventError', errorMessage: expect.stringMatching(/messageType "DATA"/) },
    });
    expect(consoleCalls.error).toEqual([[expect.objectContaining({ kind: 'malformed event', errorType: 'MalformedEventError', sentTo: QUEUE_URL })]]);
  });

  it('sends a gzip bomb there too, saying it is too large', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-2' });
    await expect(handler(encodeBytes(gzipBomb(64 * 1024 * 1024)), lambdaContext())).resolves.toBeUndefined();
    const record = JSON.parse(sqs.commandCalls(SendMessageCommand)[0]!.args[0].input.MessageBody!) as FailureRecord;
    expect(record.responsePayload?.errorMessage).toMatch(/too large/);
  });

  it('throws when the queue cannot take it, so that Lambda retries and then delivers it itself', async () => {
    sqs.on(SendMessageCommand).rejects(new Error('AccessDenied'));
    await expect(handler({ awslogs: { data: '!!!!' } }, lambdaContext())).rejects.toThrow(
      /^event\.awslogs\.data is not valid base64; sending it to the failure queue failed: AccessDenied$/,
    );
  });

  it('throws any other error, which Lambda retries before it puts the batch in the queue', async () => {
    process.env['MAX_PAYLOAD_BYTES'] = 'lots';
    await expect(handler(awsSample, lambdaContext())).rejects.toThrow(/MAX_PAYLOAD_BYTES="lots" is not a whole number/);
    expect(sqs.commandCalls(SendMessageCommand)).toEqual([]);
  });

  it('keeps the reason but not the event when the record would not fit in an SQS message', () => {
    const huge = { awslogs: { data: 'A'.repeat(MAX_MESSAGE_BYTES) } };
    const body = failureRecord(huge, new Error('too large'), lambdaContext());
    expect(Buffer.byteLength(body)).toBeLessThan(MAX_MESSAGE_BYTES);
    expect(JSON.parse(body)).toMatchObject({ requestPayload: null, requestPayloadOmitted: expect.stringMatching(/more than an SQS message's 1048576/), responsePayload: { errorMessage: 'too large' } });
  });
});
