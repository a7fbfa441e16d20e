/**
 * `pnpm bench` in this package: how long parsing takes per pattern, and how many log lines per
 * second a compiled pattern matches, for each kind of pattern over a corpus of 10,000 lines of its
 * kind (plain text, JSON, an access log); then parse and match together (matchFilterPattern, which
 * parses on every call) on the same lines. Each figure is the median of timed rounds that follow
 * warm-up rounds. A measurement to read, not a test: nothing fails on a slow machine.
 */
import { compileFilterPattern, matchFilterPattern, parseFilterPattern } from '../src/index.js';

const LEVELS = ['INFO', 'DEBUG', 'WARN', 'ERROR'];
const lines = (make: (i: number) => string) => Array.from({ length: 10_000 }, (_, i) => make(i));

const text = lines((i) => `2026-11-25T05:00:${String(i % 60).padStart(2, '0')}Z ${LEVELS[i % 4]} request ${i} handled in ${i % 900} ms by worker-${i % 8}`);
const json = lines((i) => JSON.stringify({ level: LEVELS[i % 4], msg: `request ${i}`, latency: i % 900, user: { id: i, region: ['eu-west-1', 'us-east-1'][i % 2] } }));
const access = lines(
  (i) => `10.0.${i % 255}.${i % 7} - user${i % 50} [25/Nov/2026:05:00:00 +0000] "GET /api/items/${i} HTTP/1.1" ${[200, 404, 500, 301][i % 4]} ${(i * 13) % 5000}`,
);

const corpus: { kind: string; pattern: string; input: string[] }[] = [
  { kind: 'term', pattern: 'ERROR', input: text },
  { kind: 'OR terms', pattern: '?ERROR ?WARN', input: text },
  { kind: 'terms and exclusion', pattern: '"handled in" -DEBUG', input: text },
  { kind: 'regex', pattern: '%ERROR|WARN%', input: text },
  { kind: 'regex, counted', pattern: '%worker-[0-7]{1,3}$%', input: text },
  { kind: 'JSON', pattern: '{ $.level = "ERROR" }', input: json },
  { kind: 'JSON numeric and nested', pattern: '{ $.latency > 500 && $.user.region = "eu-*" }', input: json },
  { kind: 'space-delimited', pattern: '[ip, id, user, timestamp, request, status_code = 5*, bytes > 1000]', input: access },
  { kind: 'space-delimited with ...', pattern: '[ip, ..., status_code != 200, bytes]', input: access },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Seconds per call of `run`, the median of 12 rounds after 3 of warm-up; `run` returns a count to keep its work alive. */
function time(calls: number, run: () => number): number {
  const rounds: number[] = [];
  let sink = 0;
  for (let round = 0; round < 15; round++) {
    const started = performance.now();
    sink += run();
    if (round >= 3) rounds.push((performance.now() - started) / 1000 / calls);
  }
  if (sink < 0) throw new Error('unreachable: keeps the results alive');
  return median(rounds);
}

const rows = corpus.map(({ kind, pattern, input }) => {
  const parse = time(1000, () => {
    let count = 0;
    for (let i = 0; i < 1000; i++) count += parseFilterPattern(pattern).kind.length;
    return count;
  });
  const match = compileFilterPattern(pattern);
  const compiled = time(input.length, () => input.filter((line) => match(line).matched).length);
  const both = time(input.length, () => input.filter((line) => matchFilterPattern(pattern, line).matched).length);
  const matched = input.filter((line) => match(line).matched).length;
  return {
    kind,
    pattern,
    'parse (µs)': +(parse * 1e6).toFixed(2),
    'compiled: lines/s': Math.round(1 / compiled),
    'parse+match: lines/s': Math.round(1 / both),
    matched: `${matched}/${input.length}`,
  };
});

console.log(`@log-lambda/filter-pattern on Node.js ${process.version}, 10,000 lines per pattern`);
console.table(rows);
