import { describe, expect, it } from 'vitest';
import { batchLogEvents, decodeLogsEvent, encodeLogsEvent, eventId, filterLogEventsOf, MAX_BATCH_BYTES, MAX_BATCH_EVENTS, parseInput, type LogEvent } from '../src/index.js';

/** AWS's sample event (Lambda developer guide, CloudWatch Logs), as the console's test template has it. */
const awsSample = {
  awslogs: {
    data: 'H4sIAAAAAAAAAHWPwQqCQBCGX0Xm7EFtK+smZBEUgXoLCdMhFtKV3akI8d0bLYmibvPPN3wz00CJxmQnTO41whwWQRIctmEcB6sQbFC3CjW3XW8kxpOpP+OC22d1Wml1qZkQGtoMsScxaczKN3plG8zlaHIta5KqWsozoTYw3/djzwhpLwivWFGHGpAFe7DL68JlBUk+l7KSN7tCOEJ4M3/qOI49vMHj+zCKdlFqLaU2ZHV2a4Ct/an0/ivdX8oYc1UVX860fQDQiMdxRQEAAA==',
  },
};

const key = { owner: '123456789012', logGroup: '/aws/lambda/versions', logStream: 'local', filterName: 'f' };
const events = (count: number, messageBytes: number): LogEvent[] =>
  Array.from({ length: count }, (_, i) => ({ id: eventId(1767225600000, i), timestamp: 1767225600000 + i, message: 'x'.repeat(messageBytes) }));

describe('encoding', () => {
  it("decodes AWS's sample and re-encodes it to the same JSON", () => {
    const payload = decodeLogsEvent(awsSample);
    expect(payload).toMatchObject({ messageType: 'DATA_MESSAGE', logGroup: 'testLogGroup', subscriptionFilters: ['testFilter'] });
    expect(payload.logEvents.map((e) => e.message)).toEqual(['[ERROR] First test message', '[ERROR] Second test message']);
    const again = encodeLogsEvent(payload);
    expect(decodeLogsEvent(again)).toEqual(payload);
    expect(JSON.stringify(decodeLogsEvent(again))).toBe(JSON.stringify(payload));
    expect(again.awslogs.data).toMatch(/^H4sI[A-Za-z0-9+/]+=*$/); // gzip magic, base64
  });

  it('keeps unicode and ids as strings', () => {
    const payload = batchLogEvents(key, [{ id: eventId(1, 0), timestamp: 1, message: 'Größe ✓ 😀' }])[0]!;
    expect(decodeLogsEvent(encodeLogsEvent(payload))).toEqual(payload);
    expect(payload.logEvents[0]!.id).toBe('00000000000000010000000000000000000000000000000000000000');
    expect(payload.logEvents[0]!.id).toHaveLength(56);
  });
});

describe('batchLogEvents', () => {
  it('puts one filter, group and stream in each payload', () => {
    const [batch, ...rest] = batchLogEvents(key, events(3, 10));
    expect(rest).toEqual([]);
    expect(batch).toMatchObject({ messageType: 'DATA_MESSAGE', owner: key.owner, logGroup: key.logGroup, logStream: 'local', subscriptionFilters: ['f'] });
    expect(batch!.logEvents).toHaveLength(3);
  });

  it('splits before a payload passes 1 MB of JSON, keeping order', () => {
    const input = events(300, 10_000); // about 3 MB
    const batches = batchLogEvents(key, input);
    expect(batches.length).toBe(3);
    for (const batch of batches) expect(Buffer.byteLength(JSON.stringify(batch))).toBeLessThanOrEqual(MAX_BATCH_BYTES);
    expect(batches.flatMap((b) => b.logEvents)).toEqual(input);
    // Full: the next event would not have fitted.
    const first = batches[0]!;
    const next = batches[1]!.logEvents[0]!;
    expect(Buffer.byteLength(JSON.stringify(first)) + 1 + Buffer.byteLength(JSON.stringify(next))).toBeGreaterThan(MAX_BATCH_BYTES);
  });

  it('fills a payload exactly up to the limit', () => {
    const envelope = Buffer.byteLength(JSON.stringify({ ...batchLogEvents(key, events(1, 0))[0], logEvents: [] }));
    const one = Buffer.byteLength(JSON.stringify(events(1, 0)[0]));
    const fill = MAX_BATCH_BYTES - envelope - one; // one event whose JSON takes all the room left
    const exact = batchLogEvents(key, events(1, fill));
    expect(Buffer.byteLength(JSON.stringify(exact[0]))).toBe(MAX_BATCH_BYTES);
    expect(batchLogEvents(key, [...events(1, fill), ...events(1, 0)])).toHaveLength(2);
  });

  it(`splits at ${MAX_BATCH_EVENTS} events`, () => {
    const small = Array.from({ length: MAX_BATCH_EVENTS + 1 }, (_, i) => ({ id: String(i), timestamp: i, message: '' }));
    expect(batchLogEvents(key, small).map((b) => b.logEvents.length)).toEqual([MAX_BATCH_EVENTS, 1]);
  });

  it('sends an oversized event alone, and nothing for no events', () => {
    expect(batchLogEvents(key, events(2, MAX_BATCH_BYTES)).map((b) => b.logEvents.length)).toEqual([1, 1]);
    expect(batchLogEvents(key, [])).toEqual([]);
  });
});

describe('reading input: each line a message, exactly as written', () => {
  it('keeps JSON lines as JSON messages, never unwrapping them', () => {
    const lambdaLine = '{"timestamp":"2026-01-01T00:00:00.000Z","level":"ERROR","requestId":"r1","message":"boom"}';
    expect(parseInput(`${lambdaLine}\n{"timestamp":1700000000000,"message":"[ERROR] boom"}\n`, 'lines', 5)).toEqual([
      { timestamp: 5, message: lambdaLine },
      { timestamp: 5, message: '{"timestamp":1700000000000,"message":"[ERROR] boom"}' },
    ]);
  });

  it('splits on LF and CRLF, keeps spaces, skips empty lines', () => {
    expect(parseInput('[ERROR] boom\r\n  indented \n\n{not json\n', 'lines', 5).map((e) => e.message)).toEqual(['[ERROR] boom', '  indented ', '{not json']);
    expect(parseInput('', 'lines', 5)).toEqual([]);
  });
});

describe('reading aws logs filter-log-events output: --format filter-log-events', () => {
  // The shape of `aws logs filter-log-events --output json`: FilterLogEvents' response, its events FilteredLogEvents.
  const output = {
    events: [
      {
        logStreamName: '2026/01/01/[$LATEST]abc',
        timestamp: 1767225600000,
        message: '{"level":"ERROR"}\n',
        ingestionTime: 1767225600100,
        eventId: '38000000000000000000000000000000000000000000000000000001',
      },
      {
        logStreamName: '2026/01/01/[$LATEST]def',
        timestamp: 1767225601000,
        message: 'plain',
        ingestionTime: 1767225601100,
        eventId: '38000000000000000000000000000000000000000000000000000002',
      },
    ],
    searchedLogStreams: [],
    nextToken: 'Bxkq6kVGFtq2y_MoigeqscPOdhXVbhiVtLoAmXb5jCrI7fXLrc1xqW6vdc2rwSEO',
  };

  it('takes each event with its own id, timestamp, stream and message', () => {
    const expected = [
      { id: '38000000000000000000000000000000000000000000000000000001', timestamp: 1767225600000, message: '{"level":"ERROR"}\n', logStream: '2026/01/01/[$LATEST]abc' },
      { id: '38000000000000000000000000000000000000000000000000000002', timestamp: 1767225601000, message: 'plain', logStream: '2026/01/01/[$LATEST]def' },
    ];
    expect(parseInput(JSON.stringify(output, null, 2), 'filter-log-events', 5)).toEqual(expected);
    expect(filterLogEventsOf('{"events":[],"searchedLogStreams":[]}')).toEqual([]); // nothing matched: still the shape
  });

  it('says what it expected when the input is something else, in one line', () => {
    const refusals: Array<[string, RegExp]> = [
      ['not\njson\n', /the input is not JSON \(.*\)/],
      ['[ERROR] boom', /the input is not JSON \(.*\)/],
      ['[]', /the input is a list, not an object/],
      [JSON.stringify(output.events), /the input is a list, not an object/], // --query events
      ['null', /the input is JSON null, not an object/],
      ['"events"', /the input is JSON string, not an object/],
      ['{"logEvents":[]}', /the input has no "events" list/],
      ['{"events":{}}', /the input has no "events" list/],
      ['{"events":[{"timestamp":1,"message":"m","ingestionTime":2}],"nextForwardToken":"f/1"}', /event 1 has no "eventId" string/], // get-log-events
      ['{"events":[null]}', /event 1 is not an object/],
      ['{"events":[{"eventId":"1","timestamp":1,"message":"a"}]}', /event 1 has no "logStreamName" string/],
      ['{"events":[{"eventId":"1","logStreamName":"s","timestamp":1,"message":"a"},{"eventId":"2","logStreamName":"s","timestamp":2}]}', /event 2 has no "message" string/],
      ['{"events":[{"eventId":"1","logStreamName":"s","timestamp":"2026-01-01","message":"a"}]}', /event 1 has no "timestamp" in milliseconds since the epoch/],
      ['{"events":[{"eventId":"1","logStreamName":"s","timestamp":1e400,"message":"a"}]}', /event 1 has no "timestamp" in milliseconds since the epoch/],
      ['{"events":[{"eventId":"1","logStreamName":"s","timestamp":-1,"message":"a"}]}', /event 1 has no "timestamp" in milliseconds since the epoch/],
    ];
    const refusal = (input: string): string => {
      try {
        return `accepted: ${JSON.stringify(filterLogEventsOf(input))}`;
      } catch (error) {
        return (error as Error).message;
      }
    };
    for (const [input, problem] of refusals) {
      const message = refusal(input);
      expect(message, input).toMatch(
        /^--format filter-log-events: [^\n]*; expected the JSON that `aws logs filter-log-events --output json` prints: \{"events": \[\{"logStreamName"[^\n]*"eventId"[^\n]*\}$/,
      );
      expect(message, input).toMatch(problem);
    }
  });
});
