import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { CloudWatchLogsEvent } from 'aws-lambda';
import { handler } from '../src/handler.js';
import { assertHas, captureLogs, controlMessage, dataMessage, encode, encodeBytes, lambdaContext } from './events.js';

const awsSample = JSON.parse(readFileSync(new URL('./fixtures/aws-sample-event.json', import.meta.url), 'utf8')) as CloudWatchLogsEvent;

/** The JSON lines the handler wrote to stdout. */
let logged: Array<Record<string, unknown>>;
beforeEach(() => {
  logged = captureLogs();
});
afterEach(() => {
  mock.restoreAll();
  delete process.env['LOG_LEVEL'];
});

describe('echo handler', () => {
  it("decodes AWS's sample event and returns it", async () => {
    const result = await handler(awsSample, lambdaContext());
    assert.deepEqual(result, {
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

  it('logs the decoded batch as one structured JSON line', async () => {
    await handler(awsSample, lambdaContext());
    assert.equal(logged.length, 1);
    assertHas(logged[0], {
      level: 'INFO',
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
      message: 'log events received',
      logGroup: 'testLogGroup',
      subscriptionFilters: ['testFilter'],
      count: 2,
    });
    const logEvents = logged[0]?.['logEvents'] as Array<{ message: string }>;
    assert.deepEqual(logEvents.map((event) => event.message), ['[ERROR] First test message', '[ERROR] Second test message']);
    assert.ok(!Number.isNaN(Date.parse(String(logged[0]?.['timestamp']))), 'an ISO timestamp');
  });

  it('keeps ids as strings and unicode messages intact', async () => {
    const payload = dataMessage(['Größe → 42 ✓', '{"level":"ERROR","msg":"a\\"b"}'], { policyLevel: 'ACCOUNT_LEVEL_POLICY' });
    const result = await handler(encode(payload), lambdaContext());
    assert.deepEqual(result, payload);
    assert.equal(typeof result.logEvents[0]?.id, 'string');
  });

  it('acknowledges a CONTROL_MESSAGE without logging it at INFO', async () => {
    const result = await handler(encode(controlMessage()), lambdaContext());
    assert.equal(result.messageType, 'CONTROL_MESSAGE');
    assert.deepEqual(logged, []);
  });

  it('honours LOG_LEVEL', async () => {
    process.env['LOG_LEVEL'] = 'debug';
    await handler(encode(controlMessage()), lambdaContext());
    assert.equal(logged.length, 1);
    assertHas(logged[0], { level: 'DEBUG', message: 'control message acknowledged' });

    logged.length = 0;
    process.env['LOG_LEVEL'] = 'WARN';
    await handler(awsSample, lambdaContext());
    assert.deepEqual(logged, []);
  });
});

describe('malformed events are rejected with what is wrong, so Lambda retries them', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['no awslogs', { Records: [] }, /awslogs\.data is missing/],
    ['null event', null, /awslogs\.data is missing/],
    ['data not a string', { awslogs: { data: 42 } }, /awslogs\.data is missing or not a string/],
    ['not base64', { awslogs: { data: 'not base64!' } }, /not valid base64/],
    ['not gzip', encodeBytes(Buffer.from('plain text, not gzip')), /not gzip-compressed/],
    ['not JSON', encodeBytes(gzipSync('not json')), /does not hold JSON/],
    ['JSON but not an object', encode([1, 2]), /not a JSON object/],
    ['missing logGroup', encode({ ...dataMessage(['x']), logGroup: undefined }), /no string "logGroup"/],
    ['missing logEvents', encode({ ...dataMessage(['x']), logEvents: undefined }), /no "logEvents" list/],
    ['subscriptionFilters not strings', encode({ ...dataMessage(['x']), subscriptionFilters: [1] }), /"subscriptionFilters"/],
    ['numeric event id', encode(dataMessage(['x'], { logEvents: [{ id: 1, timestamp: 1, message: 'x' }] as never })), /logEvents\[0\]\.id is not a string/],
    ['missing message', encode(dataMessage(['x'], { logEvents: [{ id: '1', timestamp: 1 }] as never })), /logEvents\[0\]\.message is not a string/],
    ['missing timestamp', encode(dataMessage(['x'], { logEvents: [{ id: '1', message: 'x' }] as never })), /logEvents\[0\]\.timestamp is not a number/],
  ];

  for (const [name, event, message] of cases) {
    it(name, async () => {
      await assert.rejects(handler(event as CloudWatchLogsEvent, lambdaContext()), { message });
    });
  }

  it('throws a MalformedEventError', async () => {
    await assert.rejects(handler({ awslogs: { data: '!!!!' } }, lambdaContext()), { name: 'MalformedEventError' });
  });
});
