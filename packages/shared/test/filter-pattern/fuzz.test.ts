/** The parser only ever throws FilterPatternError, never hangs, and matching never throws. */
import { describe, expect, it } from 'vitest';
import { compileFilterPattern, FilterPatternError, parseFilterPattern } from '../../src/filter-pattern/index.js';
import { seededRandom as random } from '../random.js';

const ALPHABET = ['{', '}', '[', ']', '(', ')', '$', '.', '*', '"', '\\', '%', '?', '-', '=', '!', '<', '>', '&&', '||', ',', ' ', '...', 'IS NULL', 'NOT EXISTS', 'a', 'ERROR', '4', '1e3', 'ö', '\n', "'"];
const SEEDS = ['{ $.a.b[0] = "x*" && ($.c > 1 || $.d IS TRUE) }', '[ip, user, ..., status = 4* || status = 5*, size > 10]', '?ERROR ?"WARN x" -DEBUG %a[0-9]+%'];

describe('fuzzing the parser and matcher', () => {
  it('throws nothing but FilterPatternError, with a position inside the pattern, quickly', () => {
    const next = random(20261125);
    const pick = <T,>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
    const messages = ['', '{"a":{"b":["x1"]},"c":2,"d":true}', '1.2.3.4 - u [t] "GET /" 404 12', '[ERROR] x', '[1,2]', 'null'];
    const started = performance.now();
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
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('matches long lines with ellipses in linear-ish time', () => {
    const line = Array.from({ length: 2000 }, (_, i) => `f${i}`).join(' ');
    const started = performance.now();
    expect(compileFilterPattern('[..., a = x, ..., b = y, ..., c = z]')(line).matched).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
