import { describe, expect, it } from 'vitest';
import { batchLogEvents, decodeLogsEvent, encodeLogsEvent, eventId, MAX_BATCH_BYTES, MAX_BATCH_EVENTS, parseLogLine, type LogEvent } from '../src/index.js';

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

describe('parseLogLine', () => {
  it('reads JSON lines with their own timestamp', () => {
    expect(parseLogLine('{"timestamp":1700000000000,"message":"[ERROR] boom"}', 5)).toEqual({ timestamp: 1700000000000, message: '[ERROR] boom' });
    expect(parseLogLine('{"timestamp":"2026-01-01T00:00:00Z","message":"m"}', 5)).toEqual({ timestamp: 1767225600000, message: 'm' });
  });

  it('takes any other line as the message', () => {
    expect(parseLogLine('[ERROR] boom', 5)).toEqual({ timestamp: 5, message: '[ERROR] boom' });
    expect(parseLogLine('{"level":"ERROR"}', 5)).toEqual({ timestamp: 5, message: '{"level":"ERROR"}' });
    expect(parseLogLine('{not json', 5)).toEqual({ timestamp: 5, message: '{not json' });
  });
});
