/**
 * Filter-pattern matcher throughput per pattern kind, against a hand-written baseline doing the
 * same test directly (goal: within 2x).
 */
import { compileFilterPattern } from '@log-lambda/shared';
import { median } from './measure.js';

export interface MatcherRow {
  kind: string;
  pattern: string;
  linesPerSecond: number;
  baselinePerSecond: number;
  /** baseline / matcher: how many times slower the matcher is. */
  ratio: number;
}

const LEVELS = ['INFO', 'DEBUG', 'WARN', 'ERROR'];

function lines(count: number, make: (i: number) => string): string[] {
  return Array.from({ length: count }, (_, i) => make(i));
}

const text = lines(10_000, (i) => `2026-11-25T05:00:${String(i % 60).padStart(2, '0')}Z ${LEVELS[i % 4]} request ${i} handled in ${i % 900} ms by worker-${i % 8}`);
const json = lines(10_000, (i) => JSON.stringify({ level: LEVELS[i % 4], msg: `request ${i}`, latency: i % 900, user: { id: i, region: 'eu-west-1' } }));
const access = lines(
  10_000,
  (i) => `10.0.${i % 255}.${i % 7} - user${i % 50} [25/Nov/2026:05:00:00 +0000] "GET /api/items/${i} HTTP/1.1" ${[200, 404, 500, 301][i % 4]} ${(i * 13) % 5000}`,
);

const cases: Array<{ kind: string; pattern: string; input: string[]; baseline: (line: string) => boolean }> = [
  { kind: 'term', pattern: 'ERROR', input: text, baseline: (l) => l.includes('ERROR') },
  { kind: 'OR terms', pattern: '?ERROR ?WARN', input: text, baseline: (l) => l.includes('ERROR') || l.includes('WARN') },
  { kind: 'terms and exclusion', pattern: 'request -DEBUG', input: text, baseline: (l) => l.includes('request') && !l.includes('DEBUG') },
  {
    kind: 'JSON',
    pattern: '{ $.level = "ERROR" }',
    input: json,
    baseline: (l) => {
      try {
        return (JSON.parse(l) as { level?: unknown }).level === 'ERROR';
      } catch {
        return false;
      }
    },
  },
  {
    kind: 'JSON numeric and nested',
    pattern: '{ $.latency > 500 && $.user.region = "eu-*" }',
    input: json,
    baseline: (l) => {
      try {
        const v = JSON.parse(l) as { latency?: unknown; user?: { region?: unknown } };
        return typeof v.latency === 'number' && v.latency > 500 && typeof v.user?.region === 'string' && v.user.region.startsWith('eu-');
      } catch {
        return false;
      }
    },
  },
  {
    kind: 'space-delimited',
    pattern: '[ip, id, user, timestamp, request, status_code = 5*, bytes > 1000]',
    input: access,
    baseline: (l) => {
      const fields = l.match(/\[[^\]]*\]|"[^"]*"|\S+/g) ?? [];
      return fields.length === 7 && fields[5]!.startsWith('5') && Number(fields[6]) > 1000;
    },
  },
  { kind: 'regex', pattern: '%ERROR|WARN%', input: text, baseline: (l) => /ERROR|WARN/.test(l) },
];

export function benchMatcher(): MatcherRow[] {
  return cases.map(({ kind, pattern, input, baseline }) => {
    const match = compileFilterPattern(pattern);
    const expected = input.map(baseline);
    const got = input.map((line) => match(line).matched);
    if (got.some((value, i) => value !== expected[i])) throw new Error(`${kind}: the matcher and the baseline disagree on ${JSON.stringify(pattern)}`);
    const [linesPerSecond, baselinePerSecond] = sideBySide(input, (line) => match(line).matched, baseline);
    return { kind, pattern, linesPerSecond: linesPerSecond!, baselinePerSecond: baselinePerSecond!, ratio: baselinePerSecond! / linesPerSecond! };
  });
}

/**
 * Lines per second of each function over `lines`, timed in alternating rounds (so that JIT and
 * machine drift hit both alike); the median round of each.
 */
function sideBySide(lines: readonly string[], ...fns: Array<(line: string) => boolean>): number[] {
  const rates: number[][] = fns.map(() => []);
  let sink = 0;
  for (let round = 0; round < 15; round++) {
    fns.forEach((fn, f) => {
      const started = performance.now();
      for (let repeat = 0; repeat < 5; repeat++) for (const line of lines) if (fn(line)) sink++;
      const seconds = (performance.now() - started) / 1000;
      if (round >= 3) rates[f]!.push((lines.length * 5) / seconds); // the first rounds warm up
    });
  }
  if (sink < 0) throw new Error('unreachable: keeps the results alive');
  return rates.map(median);
}
