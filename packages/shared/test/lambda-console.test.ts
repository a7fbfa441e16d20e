import { afterEach, describe, expect, it } from 'vitest';
import { applicationLogLevel, formatJsonLine, useLambdaConsole } from '../src/index.js';

const TIME = '2026-01-01T00:00:00.000Z';

describe("formatJsonLine: one console call as Lambda's Node.js runtime writes it in JSON format", () => {
  it('keeps an object, the only argument, as JSON under message', () => {
    expect(formatJsonLine(TIME, 'r-1', 'INFO', { kind: 'batch', events: 2 })).toBe(
      '{"timestamp":"2026-01-01T00:00:00.000Z","level":"INFO","requestId":"r-1","message":{"kind":"batch","events":2}}',
    );
  });

  it('formats several arguments as text, and adds the fields of an error among them', () => {
    const error = new TypeError('boom');
    const line = JSON.parse(formatJsonLine(TIME, 'r-1', 'ERROR', 'failed %d times', 3, error)) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'ERROR', message: expect.stringMatching(/^failed 3 times TypeError: boom/), errorType: 'TypeError', errorMessage: 'boom' });
    expect(line['stackTrace']).toEqual(error.stack!.split('\n'));
  });

  it('turns an error logged alone into its type, message and stack', () => {
    const line = JSON.parse(formatJsonLine(TIME, 'r-1', 'ERROR', new RangeError('too big'))) as { message: Record<string, unknown> };
    expect(line.message).toMatchObject({ errorType: 'RangeError', errorMessage: 'too big', stackTrace: expect.any(Array) });
  });

  it('falls back to text for what JSON cannot hold', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    expect(JSON.parse(formatJsonLine(TIME, 'r', 'INFO', cyclic)).message).toMatch(/^<ref \*1> \{ a: 1, self: \[Circular \*1\] \}$/);
    expect(JSON.parse(formatJsonLine(TIME, 'r', 'INFO', { n: 1n })).message).toBe('{ n: 1n }');
  });
});

describe('useLambdaConsole', () => {
  let restore = () => undefined as void;
  afterEach(() => restore());

  it('writes console calls as JSON lines with the request id, dropping levels below the one given', () => {
    const lines: string[] = [];
    restore = useLambdaConsole({ requestId: () => 'r-9', write: (line) => lines.push(line), level: 'INFO' });
    console.debug('hidden');
    console.info({ a: 1 });
    console.log('plain');
    console.warn('careful');
    restore();
    console.info('restored'); // not captured
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      { timestamp: expect.any(String), level: 'INFO', requestId: 'r-9', message: { a: 1 } },
      { timestamp: expect.any(String), level: 'INFO', requestId: 'r-9', message: 'plain' },
      { timestamp: expect.any(String), level: 'WARN', requestId: 'r-9', message: 'careful' },
    ]);
    expect(lines.every((line) => line.endsWith('}\n'))).toBe(true);
  });

  it('reads the level as the runtime does: AWS_LAMBDA_LOG_LEVEL, any case; unset or unknown lets all through', () => {
    expect(applicationLogLevel('warn')).toBe('WARN');
    expect(applicationLogLevel(undefined)).toBe('TRACE');
    expect(applicationLogLevel('LOUD')).toBe('TRACE');
  });
});
