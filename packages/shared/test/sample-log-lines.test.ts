import { describe, expect, it } from 'vitest';
import { forwardedLine, forwards, regexExample, sampleLogLines } from '../src/index.js';

describe('sampleLogLines: a line each pattern forwards, and one it drops', () => {
  it.each([
    '',
    ' ',
    'ERROR',
    'ERROR ARGUMENTS',
    '"INTERNAL SERVER ERROR"',
    '?ERROR ?WARN',
    '?"ERROR" "MainThread" ?"WARN" "Deadlock"',
    'ERROR -DEBUG',
    '%AUTHORIZED%',
    '%^\\[ERROR\\s4[0-9]{2}\\]%',
    '%[Ee]rror|[Ff]ail%',
    '{ $.level = "ERROR" }',
    '{ $.eventType = Update* }',
    '{ $.latency > 1000 && $.user.region = "eu-*" }',
    '{ $.a[2].b = 1 || $.c IS TRUE }',
    '{ $.arrayKey[*] = "value" }',
    '{ $.x IS NULL && $.y NOT EXISTS && $.z != "no" }',
    '{ $.msg = %time(out)?% }'.replace('(out)?', 'out'),
    '[ip, user, ..., status_code = 4*, size > 100]',
    '[w1=ERROR, w2]',
    '[a, b = "x y", ..., c >= 400 && c < 500]',
    '[..., status = %^5%]',
  ])('%j', (pattern) => {
    const { forwarded, dropped } = sampleLogLines(pattern);
    expect(forwarded).toHaveLength(1);
    expect(forwards(pattern, forwarded[0]!)).toBe(true);
    for (const line of dropped) expect(forwards(pattern, line)).toBe(false);
  });

  it('has no line to drop when the pattern forwards everything', () => {
    expect(sampleLogLines('').dropped).toEqual([]);
    expect(sampleLogLines('-NEVER').dropped).toEqual([]);
    expect(sampleLogLines('ERROR').dropped).toEqual(['an unrelated log line']);
  });

  it('keeps a given line only when the pattern forwards it', () => {
    expect(sampleLogLines('ERROR', '[ERROR] boom').forwarded).toEqual(['[ERROR] boom']);
    expect(sampleLogLines('ERROR', 'all fine').forwarded).toEqual([]);
  });

  it('gives up, rather than guess, on what it cannot derive', () => {
    expect(forwardedLine('{ $.a = 1 && $.a = 2 }')).toBeUndefined();
    expect(forwardedLine('not "valid')).toBeUndefined();
  });

  it('derives strings for the regex subset', () => {
    expect(regexExample('ab+c?d*')).toBe('ab');
    expect(regexExample('\\d{3}-x')).toBe('000-x');
    expect(regexExample('[^a-z]z')).toBe('0z');
    expect(regexExample('^x|y$')).toBe('x');
  });
});
