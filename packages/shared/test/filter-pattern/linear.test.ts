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
import { compileFilterPattern, matcherSteps } from '../../src/filter-pattern/index.js';

const words = (n: number, word: (i: number) => string) => Array.from({ length: n }, (_, i) => word(i)).join(' ');

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
