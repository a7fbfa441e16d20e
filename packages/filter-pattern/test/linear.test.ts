/**
 * Matching time grows linearly with the line, whatever the pattern: the matcher counts its steps
 * (automaton words of up to 30 states and counting states advanced per character,
 * field-alignment cells, JSON values visited). For each
 * adversarial case, doubling the line at most doubles the extra steps the last doubling took (a
 * quadratic matcher would quadruple them), and no line of n characters takes more than
 * n × (pattern length + 2) steps. Counting steps, not milliseconds, keeps
 * the test exact on any machine; `pnpm bench` times the same cases.
 */
import { describe, expect, it } from 'vitest';
import { compileFilterPattern, matcherSteps, splitFields } from '../src/index.js';

const words = (n: number, word: (i: number) => string) => Array.from({ length: n }, (_, i) => word(i)).join(' ');
/** `{"a":{"a":…1…}}`, `depth` objects deep. */
const nested = (depth: number, inner = '1') => `${'{"a":'.repeat(depth)}${inner}${'}'.repeat(depth)}`;
/** `[a [a [a …`: brackets that never close, about n characters. */
const unclosed = (n: number) => '[a '.repeat(Math.ceil(n / 3));

/** [pattern, a line of about n characters that makes the matcher work hardest]. */
const cases: Array<[string, (n: number) => string]> = [
  ['%a*a*a*a*a*a*a*a*[bc]%', (n) => 'a'.repeat(n)],
  ['%a*a*b%', (n) => 'a'.repeat(n)],
  ['%a*[ab]*a*b*a*[cd]%', (n) => 'ab'.repeat(n / 2)],
  ['%a{1,1000}[bc]%', (n) => 'a'.repeat(n)],
  ['%a{500,1000}a{0,1000}[xy]%', (n) => 'a'.repeat(n)],
  ['%[a-z]{3,}\\d{2,5}[^a-z]{1,1000}q%', (n) => 'abc12'.repeat(n / 5)],
  ['%ERROR.*timeout.*retry%', (n) => `ERROR ${'timeout '.repeat(n / 8)}`],
  ['%\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}%', (n) => '1234.'.repeat(n / 5)],
  ['%.*.*.*.*.*=.*.*.*.*.*;%', (n) => 'x=y '.repeat(n / 4)],
  [`%${'a?'.repeat(50)}${'a'.repeat(50)}[bc]%`, (n) => `${'a'.repeat(60)}d`.repeat(n / 61)],
  ['{ $.m = "*a*a*b" }', (n) => JSON.stringify({ m: 'a'.repeat(n) })],
  ['{ $.* = %a*a*a*[bc]% || $.m = %^a{2,}$% }', (n) => JSON.stringify({ k: 'a'.repeat(n / 2), m: 'a'.repeat(n / 2) })],
  ['[f = "*a*a*a*b"]', (n) => 'a'.repeat(n)],
  ['[..., a = *, ..., b = zzz]', (n) => words(n / 6, (i) => `f${i % 1000}`.padEnd(5, '_'))],
  ['[..., a = x, ..., b = y, ..., c = z, ...]', (n) => words(n / 2, () => 'x')],
  ['[w1, ..., w2 = %a*a*[bc]%, ...]', (n) => words(n / 9, () => 'aaaaaaaa')],
  ['{ $.a.a.a.a.a.a.a.a.a.a = 1 }', (n) => nested(n / 6)],
  ['{ $.* = 2 }', (n) => `[${'1,'.repeat(n / 2)}1]`],
  ['[a, b, c]', unclosed],
  ['[..., a = x, ...]', unclosed],
  ['[a, b, c, ...]', (n) => '[a "b" '.repeat(n / 7)],
];

function steps(match: (line: string) => unknown, line: string): number {
  matcherSteps.count = 0;
  match(line);
  return matcherSteps.count;
}

describe('steps grow linearly with the line', () => {
  it.each(cases)('%s', (pattern, line) => {
    const match = compileFilterPattern(pattern);
    const sizes = [2000, 4000, 8000, 16000];
    const counts = sizes.map((n) => steps(match, line(n)));
    for (const [i, n] of sizes.entries()) expect(counts[i]!, `steps on ${n} characters`).toBeLessThanOrEqual(line(n).length * (pattern.length + 2));
    const growth = counts.slice(1).map((count, i) => count - counts[i]!);
    for (let i = 1; i < growth.length; i++) {
      expect(growth[i]!, `steps on ${sizes.join(', ')} characters: ${counts.join(', ')}`).toBeLessThanOrEqual(2.2 * growth[i - 1]! + 100);
    }
  });

  it('counts real work: a regex read to the end of the line takes a step per character and word of 30 states', () => {
    const match = compileFilterPattern(`%${'a*'.repeat(60)}[bc]%`); // 61 states: three words
    expect(steps(match, 'a'.repeat(1000))).toBeGreaterThanOrEqual(3 * 1000);
    expect(steps(match, 'a'.repeat(1000))).toBeLessThanOrEqual(3 * 1001);
  });
});

describe('deep and wide JSON', () => {
  it('reaches a value at any depth: no nesting depth cuts the parse short', () => {
    // AWS documents no nesting limit for JSON filter patterns, so none is applied here.
    const match = compileFilterPattern('{ $.a.a.a.a.a.a.a.a.a.a = 1 }');
    expect(match(nested(10)).matched).toBe(true);
    expect(match(nested(11)).matched).toBe(false);
    expect(match(nested(9, `{"a":1,"b":${nested(100_000)}}`)).matched).toBe(true);
    expect(match(nested(100_000)).matched).toBe(false);
  });

  it('takes a wildcard over a million values without running out of stack', () => {
    const values = `${'1,'.repeat(1_000_000)}2`;
    expect(compileFilterPattern('{ $.* = 2 }')(`[${values}]`).matched).toBe(true);
    expect(compileFilterPattern('{ $.m.* = 3 }')(`{"m":[${values}]}`).matched).toBe(false);
    const keys = Array.from({ length: 200_000 }, (_, i) => `"k${i}":${i}`).join(',');
    expect(compileFilterPattern('{ $.m.* = 199999 }')(`{"m":{${keys}}}`).matched).toBe(true);
  });
});

describe('the tokenizer, searching each closer once', () => {
  /** Fields as the matcher has always split them: a fresh search for the closer at every opener. */
  function reference(message: string): string[] {
    const values: string[] = [];
    let i = 0;
    while (i < message.length) {
      while (message[i] === ' ' || message[i] === '\t') if (++i >= message.length) return values;
      const char = message[i];
      if (char === '"' || char === '[') {
        const end = message.indexOf(char === '"' ? '"' : ']', i + 1);
        if (end !== -1) {
          values.push(message.slice(i + 1, end));
          i = end + 1;
          continue;
        }
      }
      const first = i;
      while (i < message.length && message[i] !== ' ' && message[i] !== '\t') i++;
      values.push(message.slice(first, i));
    }
    return values;
  }

  it('splits lines of quotes, brackets and spaces as before', () => {
    let seed = 20;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const alphabet = ['[', ']', '"', ' ', '\t', 'a', 'b'];
    for (let run = 0; run < 5000; run++) {
      const line = Array.from({ length: Math.floor(random() * 24) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(splitFields(line), JSON.stringify(line)).toEqual(reference(line));
    }
  });

  it('reads each character at most three times: once in the pass, once per closer searched for', () => {
    for (const line of [unclosed(30_000), '"[a '.repeat(10_000), `${'[a "b '.repeat(5000)}]"`]) {
      matcherSteps.count = 0;
      splitFields(line);
      expect(matcherSteps.count).toBeGreaterThanOrEqual(line.length);
      expect(matcherSteps.count).toBeLessThanOrEqual(3 * line.length);
    }
  });
});
