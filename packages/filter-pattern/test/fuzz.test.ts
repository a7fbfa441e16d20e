/** The parser only ever throws FilterPatternError, and matching never throws (linear.test.ts: nor takes long). */
import { describe, expect, it } from 'vitest';
import { compileFilterPattern, FilterPatternError, parseFilterPattern } from '../src/index.js';
import { seededRandom as random } from './random.js';

const ALPHABET = [
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  '$',
  '.',
  '*',
  '"',
  '\\',
  '%',
  '?',
  '-',
  '=',
  '!',
  '<',
  '>',
  '&&',
  '||',
  ',',
  ' ',
  '...',
  'IS NULL',
  'NOT EXISTS',
  'IS NOT',
  'a',
  'ERROR',
  '4',
  '1e3',
  '+',
  'ö',
  '\n',
  "'",
  '^',
  '|',
  '{2,}',
  '\\d',
  '\\x41',
  '[^a-z]',
];
const SEEDS = [
  '{ $.a.b[0] = "x*" && ($.c > 1 || $.d IS TRUE) }',
  '[ip, user, ..., status = 4* || status = 5*, size > 10,]',
  '?ERROR ?"WARN x" -DEBUG %a[0-9]+%',
  '%^a{2,5}[^b]*\\d?|c+$%',
  '{ $.*[0] = %x.{1,3}% }',
];

describe('fuzzing the parser and matcher', () => {
  it('throws nothing but FilterPatternError, with a position inside the pattern', () => {
    const next = random(20261125);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
    const messages = ['', '{"a":{"b":["x1"]},"c":2,"d":true}', '1.2.3.4 - u [t] "GET /" 404 12', '[ERROR] x', '[1,2]', 'null', 'aaaa\n', '😀 é'];
    for (let i = 0; i < 5000; i++) {
      let pattern: string;
      if (i % 2) {
        pattern = Array.from({ length: 1 + Math.floor(next() * 12) }, () => pick(ALPHABET)).join('');
      } else {
        const seed = pick(SEEDS);
        const at = Math.floor(next() * seed.length);
        pattern = seed.slice(0, at) + (next() < 0.5 ? pick(ALPHABET) : '') + seed.slice(at + Math.floor(next() * 3));
      }
      try {
        const match = compileFilterPattern(parseFilterPattern(pattern));
        for (const message of messages) expect(typeof match(message).matched).toBe('boolean');
      } catch (error) {
        if (!(error instanceof FilterPatternError)) throw new Error(`${JSON.stringify(pattern)} threw ${String(error)}`);
        expect(error.position).toBeGreaterThanOrEqual(0);
        expect(error.position).toBeLessThanOrEqual(pattern.length);
      }
    }
  });
});
