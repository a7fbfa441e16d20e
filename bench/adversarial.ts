/**
 * The filter-pattern matcher on the worst lines we can build for it: patterns that make a
 * backtracking matcher take seconds or hours (nested and adjacent stars, counted repeats,
 * classes, `...` runs, wildcard-heavy JSON and field values, the longest patterns AWS accepts),
 * and lines that make a careless tokenizer or JSON walk quadratic (brackets that never close, JSON
 * nested to the end of the line), each on a 10 KB line built to keep the matcher busy to its end.
 * Goal: under 50 ms each.
 */
import { compileFilterPattern, matcherSteps, validateFilterPattern } from '@log-lambda/shared';
import { median } from './measure.js';

export interface AdversarialRow {
  name: string;
  pattern: string;
  lineLength: number;
  /** Median of the timed runs, milliseconds. */
  ms: number;
  /** Matcher steps for one match (automaton states visited per character, alignment cells). */
  steps: number;
  matched: boolean;
}

export const ADVERSARIAL_BUDGET_MS = 50;
const LINE = 10 * 1024;

/** `text` repeated to exactly LINE characters. */
const fill = (text: string) => text.repeat(Math.ceil(LINE / text.length)).slice(0, LINE);
const fields = (make: (i: number) => string) => {
  let line = '';
  for (let i = 0; line.length < LINE; i++) line += (i ? ' ' : '') + make(i);
  return line.slice(0, LINE);
};
const jsonWith = (value: string) => JSON.stringify({ m: value.slice(0, LINE - 8) });
/** `{"a":{"a":…1…}}`, `depth` objects deep. */
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
/** `%` + `body` repeated + `tail` + `%`, at most `size` characters long. */
const regex = (body: string, tail: string, size = 1024) => `%${body.repeat(Math.floor((size - 2 - tail.length) / body.length))}${tail}%`;
/** `[` fields `]` from `make(0)`, `make(1)`, … for as long as the pattern stays within 1,024 characters. */
const fieldPattern = (make: (i: number) => string, last: string) => {
  const parts: string[] = [];
  while (`[${[...parts, make(parts.length), last].join(', ')}]`.length <= 1024) parts.push(make(parts.length));
  return `[${[...parts, last].join(', ')}]`;
};

const cases: Array<{ name: string; pattern: string; line: string }> = [
  { name: 'nested stars %a*a*a*a*a*a*a*a*b%', pattern: '%a*a*a*a*a*a*a*a*b%', line: fill('a') },
  { name: 'nested stars, no literal to skip on', pattern: '%a*a*a*a*a*a*a*a*[bc]%', line: fill('a') },
  { name: 'adjacent stars %a*a*b%', pattern: '%a*a*b%', line: fill('a') + 'b' },
  { name: 'dot stars %ERROR.*timeout.*retry%', pattern: '%ERROR.*timeout.*retry%', line: `ERROR ${fill('timeout ')}`.slice(0, LINE) },
  { name: 'counted repeat a{1,1000}', pattern: '%a{1,1000}a{1,1000}[bc]%', line: fill('a') },
  { name: 'counted repeats of classes', pattern: '%[a-z]{3,1000}\\d{2,1000}[^a-z0-9]{1,1000}[qr]%', line: fill('abc12') },
  { name: 'optional run a?{50}a{50}', pattern: `%${'a?'.repeat(50)}${'a'.repeat(50)}[bc]%`, line: fill(`${'a'.repeat(60)}d`) },
  { name: '1,024-character regex of stars', pattern: regex('a*', '[bc]'), line: fill('a') },
  { name: '1,024-character regex of classes', pattern: regex('[a-z]?', '[xy]'), line: fill('abcdefgh') },
  { name: '1,024-character regex of counted repeats', pattern: regex('a{9,99}', '[bc]'), line: fill('a') },
  { name: 'two regexes in JSON, 1,024 characters', pattern: `{ $.m = ${regex('a*', '[bc]', 496)} || $.* = ${regex('[^x]*', 'x', 496)} }`, line: jsonWith(fill('a')) },
  { name: 'wildcard JSON value "*a*a*b"', pattern: '{ $.m = "*a*a*b" }', line: jsonWith(fill('a')) },
  { name: 'wildcard field value "*a*a*a*b"', pattern: '[f = "*a*a*a*b"]', line: fill('a') },
  { name: 'ellipses [..., a = *, ..., b = zzz]', pattern: '[..., a = *, ..., b = zzz]', line: fields((i) => `f${i % 1000}`) },
  { name: 'ellipses between 1,024 characters of fields', pattern: fieldPattern((i) => (i % 2 ? `f${i} = x*` : '...'), 'last = y'), line: fields(() => 'x') },
  { name: 'regex on every field [..., f = %a*a*[bc]%, ...]', pattern: '[..., f = %a*a*[bc]%, ...]', line: fields(() => 'aaaaaaaaaaaaaaaa') },
  { name: 'JSON nested to the end of the line', pattern: '{ $.a.a.a.a.a.a.a.a.a.a = 1 }', line: nested(Math.floor(LINE / 6)) },
  { name: 'brackets that never close [a, b, c]', pattern: '[a, b, c]', line: fill('[a ') },
  { name: 'brackets that never close, every field aligned', pattern: '[..., a = x, ...]', line: fill('[a ') },
  {
    name: '200 terms',
    pattern: Array.from({ length: 200 }, (_, i) => `a${i % 10}x`)
      .join(' ')
      .slice(0, 1024),
    line: fill('a0x a1x a2x a3x a4x a5x a6x a7x a8x a9'),
  },
];

export function benchAdversarial(): AdversarialRow[] {
  return cases.map(({ name, pattern, line }) => {
    const invalid = validateFilterPattern(pattern);
    if (invalid) throw new Error(`${name}: ${JSON.stringify(pattern)} is not a valid pattern (${invalid}); every case must be one AWS accepts`);
    const match = compileFilterPattern(pattern);
    matcherSteps.count = 0;
    const { matched } = match(line);
    const steps = matcherSteps.count;
    const times: number[] = [];
    for (let run = 0; run < 15; run++) {
      const started = performance.now();
      match(line);
      times.push(performance.now() - started);
    }
    return { name, pattern, lineLength: line.length, ms: median(times), steps, matched };
  });
}
