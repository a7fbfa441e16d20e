import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, afterEach, before, beforeEach, describe, it, mock } from 'node:test';
import { gzipSync } from 'node:zlib';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { CloudWatchLogsEvent } from 'aws-lambda';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { subscriptions } from '../../lib/subscriptions.js';
import { encodeLogsEvent, parseInput } from '../../local/log-lambda/delivery.js';
import { simulateDelivery } from '../../local/log-lambda/invoke.js';
import { formatJsonLine } from '../../local/log-lambda/lambda-console.js';
import { MalformedEventError, type DecodedLogs } from '../../src/log-lambda/decode.js';
import { createHandler, failureRecord, MAX_MESSAGE_BYTES, type FailureRecord } from '../../src/log-lambda/handler.js';
import { MAX_LINE_BYTES, writeEventLines } from '../../src/log-lambda/log.js';
import { assertMatch, awsSampleEvent as awsSample, controlMessage, dataMessage, encode, encodeBytes, encodeJson, gzipBomb, lambdaContext } from './support.js';

/**
 * The handler around a processBatch that records each batch it is given: these tests are about
 * log-lambda's part (decoding, control messages, the failure path), whatever src/process.ts does.
 */
let processed: DecodedLogs[];
let processBatch: (batch: DecodedLogs) => Promise<void>;
const handler = createHandler((batch) => processBatch(batch));
const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/failures';

/** The event lines writeEventLines wrote, line by line. */
let lines: string[];
/** What it passed to each console method. */
let consoleCalls: Record<'debug' | 'info' | 'warn' | 'error', unknown[][]>;

/**
 * For each test of the describe block that calls it: captures what the handler logs, and
 * afterwards restores the console and the environment. (npm test runs every test file in one
 * process: a hook at the top of a file would apply to the other files' tests too.)
 */
function captureOutput(): void {
  beforeEach(() => {
    processed = [];
    processBatch = async (batch) => void processed.push(batch);
    lines = [];
    consoleCalls = { debug: [], info: [], warn: [], error: [] };
    for (const method of ['debug', 'info', 'warn', 'error'] as const) {
      mock.method(console, method, (...args: unknown[]) => void consoleCalls[method].push(args));
    }
  });
  afterEach(() => {
    mock.restoreAll();
    delete process.env['AWS_LAMBDA_LOG_LEVEL'];
    delete process.env['FAILURE_QUEUE_URL'];
    delete process.env['MAX_PAYLOAD_BYTES'];
  });
}

const parsed = () => lines.map((line) => JSON.parse(line) as { timestamp: string; level: string; requestId: string; message: Record<string, unknown> });

describe('the handler', () => {
  captureOutput();

  it("decodes AWS's sample event, gives it to processBatch and returns it", async () => {
    const decoded = {
      messageType: 'DATA_MESSAGE',
      owner: '123456789123',
      logGroup: 'testLogGroup',
      logStream: 'testLogStream',
      subscriptionFilters: ['testFilter'],
      logEvents: [
        { id: 'eventId1', timestamp: 1440442987000, message: '[ERROR] First test message' },
        { id: 'eventId2', timestamp: 1440442987001, message: '[ERROR] Second test message' },
      ],
    };
    assert.deepEqual(await handler(awsSample, lambdaContext()), decoded);
    assert.deepEqual(processed, [decoded]);
  });

  it("keeps ids as strings, unicode messages and the account policy's policyLevel intact", async () => {
    const payload = dataMessage(['Größe → 42 ✓', '{"level":"ERROR","msg":"a\\"b"}'], { policyLevel: 'ACCOUNT_LEVEL_POLICY' });
    assert.deepEqual(await handler(encode(payload), lambdaContext()), payload);
    assert.deepEqual(processed, [payload]);
    assert.equal(typeof processed[0]?.logEvents[0]?.id, 'string');
  });

  it('acknowledges a CONTROL_MESSAGE at DEBUG only, without giving it to processBatch', async () => {
    const result = await handler(encode(controlMessage()), lambdaContext());
    assert.equal(result?.messageType, 'CONTROL_MESSAGE');
    assert.deepEqual(processed, []);
    assert.deepEqual(consoleCalls.info, []);
    assertMatch(consoleCalls.debug, [[{ kind: 'control message' }]]);
  });

  it('throws what processBatch throws, so that Lambda retries the batch', async () => {
    processBatch = () => Promise.reject(new Error('the endpoint timed out'));
    await assert.rejects(handler(awsSample, lambdaContext()), { message: 'the endpoint timed out' });
  });
});

describe("the event lines (src/log-lambda/log.ts's writeEventLines)", () => {
  captureOutput();
  const write = (chunk: string) => void lines.push(...chunk.split('\n').filter(Boolean));

  it("writes each event as Lambda's runtime writes console.info(record) in JSON format", () => {
    assert.equal(writeEventLines(dataMessage(['[ERROR] one', '[ERROR] two']), 'c6af9ac6-7b61-11e6-9a41-93e812345678', write), 2);
    for (const [index, line] of lines.entries()) {
      const { timestamp, requestId, level, message } = parsed()[index]!;
      assert.equal(level, 'INFO');
      assert.equal(requestId, 'c6af9ac6-7b61-11e6-9a41-93e812345678');
      assert.ok(!Number.isNaN(Date.parse(timestamp)), `${timestamp} is a date`);
      assert.equal(line, formatJsonLine(timestamp, requestId, 'INFO', message));
      assertMatch(message, { kind: 'log event', logGroup: '/aws/lambda/versions', filter: 'my-filter', message: `[ERROR] ${['one', 'two'][index]}` });
    }
  });

  it("writes none when Lambda's application log level is above INFO", () => {
    process.env['AWS_LAMBDA_LOG_LEVEL'] = 'WARN';
    assert.equal(writeEventLines(dataMessage(['x']), 'r', write), 0);
    process.env['AWS_LAMBDA_LOG_LEVEL'] = 'DEBUG';
    assert.equal(writeEventLines(dataMessage(['x']), 'r', write), 1);
  });
});

describe('no log line is longer than CloudWatch Logs takes (256 KB)', () => {
  captureOutput();
  // Quotes, backslashes and control characters grow in JSON; emoji are 4 bytes; a lone surrogate is escaped.
  const hard = `"\\\u0001é✓😀\ud800x`.repeat(60_000);

  it('splits a huge message into numbered parts that put it back together', () => {
    const events = ['short', hard, 'x'.repeat(300_000)];
    const written = writeEventLines(dataMessage(events), 'r', (chunk) => void lines.push(...chunk.split('\n').filter(Boolean)));
    assert.equal(written, lines.length);
    for (const line of lines) assert.ok(Buffer.byteLength(line) <= MAX_LINE_BYTES, `a line of ${Buffer.byteLength(line)} bytes`);
    const records = parsed().map((line) => line.message);
    const byId = new Map<unknown, Array<Record<string, unknown>>>();
    for (const record of records) byId.set(record['id'], [...(byId.get(record['id']) ?? []), record]);
    assert.deepEqual(
      [...byId.values()].map((parts) => parts.map((part) => part['message']).join('')),
      events,
    );
    const split = byId.get(records[1]!['id'])!;
    assert.ok(split.length > 1, `split into ${split.length} parts`);
    assert.deepEqual(
      split.map((part) => [part['part'], part['parts']]),
      split.map((_, i) => [i + 1, split.length]),
    );
    assert.ok(!('part' in records[0]!), 'a short message is not split');
  });
});

/** A batch of two events whose second has `timestamp` written as this JSON text. */
function withTimestamp(timestamp: string): CloudWatchLogsEvent {
  return encodeJson(JSON.stringify(dataMessage(['first', 'second'])).replace(/"timestamp":1767225600001\b/, `"timestamp":${timestamp}`));
}

describe('malformed events are refused with what is wrong', () => {
  captureOutput();

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
    [
      'missing timestamp',
      encode(dataMessage(['x'], { logEvents: [{ id: '1', message: 'x' }] as never })),
      /logEvents\[0\]\.timestamp is not a whole number of milliseconds since the epoch: missing$/,
    ],
    ['timestamp 1e400 (Infinity once parsed)', withTimestamp('1e400'), /logEvents\[1\]\.timestamp is not a whole number of milliseconds since the epoch: Infinity$/],
    ['negative timestamp', withTimestamp('-1'), /logEvents\[1\]\.timestamp is not a whole number of milliseconds since the epoch: -1$/],
    ['fractional timestamp', withTimestamp('1767225600000.5'), /logEvents\[1\]\.timestamp .*: 1767225600000\.5$/],
    ['timestamp past the safe integers', withTimestamp('9007199254740992'), /logEvents\[1\]\.timestamp .*: 9007199254740992$/],
    ['timestamp as a string', withTimestamp('"2026-01-01T00:00:00Z"'), /logEvents\[1\]\.timestamp .*: "2026-01-01T00:00:00Z"$/],
  ];

  for (const [name, event, message] of cases) {
    it(name, async () => {
      await assert.rejects(handler(event as CloudWatchLogsEvent, lambdaContext()), { message });
    });
  }

  it('throws a MalformedEventError where there is no failure queue (npm run invoke, tests)', async () => {
    await assert.rejects(handler({ awslogs: { data: '!!!!' } }, lambdaContext()), { name: 'MalformedEventError' });
  });

  it('refuses a gzip bomb fast, with bounded memory, saying the payload is too large', async () => {
    const bomb = gzipBomb(1024 * 1024 * 1024); // 1 GB of zeros in about 1 MB of gzip
    const peakBefore = process.resourceUsage().maxRSS * 1024;
    await assert.rejects(handler(encodeBytes(bomb), lambdaContext()), {
      message: /^event\.awslogs\.data is too large: it decompresses to more than 8388608 bytes \(maxPayloadBytes\)/,
    });
    // gunzip stops at the limit; decompressing it all would take over 1 GB (the other test files
    // share this process, hence the margin).
    const grown = process.resourceUsage().maxRSS * 1024 - peakBefore;
    assert.ok(grown < 512 * 1024 * 1024, `peak memory grew by ${grown} bytes`);
  });

  it('takes its limit from MAX_PAYLOAD_BYTES', async () => {
    process.env['MAX_PAYLOAD_BYTES'] = '1000';
    assert.notEqual(await handler(awsSample, lambdaContext()), undefined);
    await assert.rejects(handler(encode(dataMessage(['x'.repeat(1000)])), lambdaContext()), { message: /more than 1000 bytes/ });
  });
});

describe('the failure path: malformed batches go to the failure queue without retries', () => {
  captureOutput();
  let sqs: AwsClientStub<SQSClient>;
  before(() => {
    sqs = mockClient(SQSClient);
  });
  after(() => sqs.restore());
  beforeEach(() => {
    sqs.reset();
    process.env['FAILURE_QUEUE_URL'] = QUEUE_URL;
  });

  it('sends a batch processBatch refuses with a MalformedEventError there too, with its reason', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-0' });
    processBatch = () => Promise.reject(new MalformedEventError('not the JSON our endpoint takes'));
    assert.equal(await handler(awsSample, lambdaContext()), undefined);
    const record = JSON.parse(sqs.commandCalls(SendMessageCommand)[0]!.args[0].input.MessageBody!) as FailureRecord;
    assertMatch(record, { requestPayload: awsSample, responsePayload: { errorType: 'MalformedEventError', errorMessage: 'not the JSON our endpoint takes' } });
  });

  it('sends a malformed batch to the queue with the reason, and succeeds so that Lambda does not retry it', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
    const event = encode({ ...dataMessage(['x']), messageType: 'DATA' });
    assert.equal(await handler(event, lambdaContext()), undefined);

    const [call, ...more] = sqs.commandCalls(SendMessageCommand);
    assert.deepEqual(more, []);
    assert.equal(call!.args[0].input.QueueUrl, QUEUE_URL);
    const record = JSON.parse(call!.args[0].input.MessageBody!) as FailureRecord;
    assertMatch(record, {
      version: '1.0',
      requestContext: { requestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678', condition: 'MalformedEvent', functionArn: lambdaContext().invokedFunctionArn },
      requestPayload: event,
      responseContext: { functionError: 'Handled' },
      responsePayload: { errorType: 'MalformedEventError', errorMessage: /messageType "DATA"/ },
    });
    assertMatch(consoleCalls.error, [[{ kind: 'malformed event', errorType: 'MalformedEventError', sentTo: QUEUE_URL }]]);
  });

  it('sends a batch with a timestamp that is no time (1e400) there too, the whole batch as it came', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-3' });
    const event = withTimestamp('1e400');
    assert.equal(await handler(event, lambdaContext()), undefined);
    const record = JSON.parse(sqs.commandCalls(SendMessageCommand)[0]!.args[0].input.MessageBody!) as FailureRecord;
    assertMatch(record, { requestPayload: event, responsePayload: { errorType: 'MalformedEventError', errorMessage: /logEvents\[1\]\.timestamp .*: Infinity$/ } });
    assert.deepEqual(processed, [], 'no event of the batch reaches processBatch');
  });

  it('sends a gzip bomb there too, saying it is too large', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-2' });
    assert.equal(await handler(encodeBytes(gzipBomb(64 * 1024 * 1024)), lambdaContext()), undefined);
    const record = JSON.parse(sqs.commandCalls(SendMessageCommand)[0]!.args[0].input.MessageBody!) as FailureRecord;
    assert.match(record.responsePayload?.errorMessage ?? '', /too large/);
  });

  it('throws when the queue cannot take it, so that Lambda retries and then delivers it itself', async () => {
    sqs.on(SendMessageCommand).rejects(new Error('AccessDenied'));
    await assert.rejects(handler({ awslogs: { data: '!!!!' } }, lambdaContext()), {
      message: /^event\.awslogs\.data is not valid base64; sending it to the failure queue failed: AccessDenied$/,
    });
  });

  it('throws any other error, which Lambda retries before it puts the batch in the queue', async () => {
    process.env['MAX_PAYLOAD_BYTES'] = 'lots';
    await assert.rejects(handler(awsSample, lambdaContext()), { message: /MAX_PAYLOAD_BYTES="lots" is not a whole number/ });
    assert.deepEqual(sqs.commandCalls(SendMessageCommand), []);
  });

  it('keeps the reason but not the event when the record would not fit in an SQS message', () => {
    const huge = { awslogs: { data: 'A'.repeat(MAX_MESSAGE_BYTES) } };
    const body = failureRecord(huge, new Error('too large'), lambdaContext());
    assert.ok(Buffer.byteLength(body) < MAX_MESSAGE_BYTES, `${Buffer.byteLength(body)} bytes`);
    assertMatch(JSON.parse(body), { requestPayload: null, requestPayloadOmitted: /more than an SQS message's 1048576/, responsePayload: { errorMessage: 'too large' } });
  });
});

describe('npm run invoke -- --format filter-log-events: what the handler gets from `aws logs filter-log-events` output', () => {
  captureOutput();
  // The project's first subscription, forwarding every event.
  const everyEvent = { ...subscriptions[0]!, filterPattern: '' };
  const output = {
    events: [
      {
        logStreamName: '2026/01/01/[$LATEST]abc',
        timestamp: 1767225600000,
        message: '[ERROR] boom',
        ingestionTime: 1767225600100,
        eventId: '38000000000000000000000000000000000000000000000000000001',
      },
    ],
    searchedLogStreams: [],
  };

  it('delivers each event with its own eventId as its id, as CloudWatch Logs does', async () => {
    const [delivery] = simulateDelivery(parseInput(JSON.stringify(output), 'filter-log-events', 5), [everyEvent]);
    const result = await handler(encodeLogsEvent(delivery!.payloads[0]!), lambdaContext());
    assert.deepEqual(result?.logEvents, [{ id: '38000000000000000000000000000000000000000000000000000001', timestamp: 1767225600000, message: '[ERROR] boom' }]);
    assert.equal(result?.logStream, '2026/01/01/[$LATEST]abc');
  });
});

/** Runs `node --import tsx/esm <script> ...args` in the project folder, as the npm scripts do. */
function runScript(args: string[], input = ''): { status: number | null; stdout: string; stderr: string } {
  const project = new URL('../..', import.meta.url);
  return spawnSync(process.execPath, ['--import', 'tsx/esm', ...args], { cwd: project, input, encoding: 'utf8' });
}

describe('the commands refuse what they cannot run, in one line and a non-zero exit', () => {
  it('npm test -- test/nonexistent.test.ts names the file, and runs nothing', () => {
    const { status, stdout, stderr } = runScript(['test/log-lambda/run.ts', 'test/nonexistent.test.ts', 'test/log-lambda/filters.test.ts']);
    assert.equal(stderr, 'test/nonexistent.test.ts: no such test file\n');
    assert.equal(stdout, '');
    assert.equal(status, 1);
  });

  it('npm run invoke -- --format filter-log-events refuses a list, which is not what the AWS CLI prints', () => {
    const { status, stderr } = runScript(['local/log-lambda/invoke.ts', '--format', 'filter-log-events'], '[]');
    assert.match(stderr, /^--format filter-log-events: the input is a list, not an object; expected the JSON that `aws logs filter-log-events --output json` prints: [^\n]*\n$/);
    assert.equal(status, 1);
  });
});
