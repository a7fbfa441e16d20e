/**
 * The upgrade's three-way merge against `git merge-file --diff3`, the tool copier and JHipster
 * fall back on: a 10,000-line file both sides edited in different places (the result must be
 * git's, byte for byte), and a hostile pair (20,000 lines of three distinct values on each side,
 * unrelated) where a plain Myers diff goes quadratic.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mergeText } from '../packages/shared/src/merge/merge3.js';
import { median } from './measure.js';
import { seededRandom as random } from '../packages/shared/test/random.js';

export interface MergeRow {
  case: string;
  lines: number;
  oursMs: number;
  gitMs: number;
  /** Whether both produced the same text (and the same number of conflicts). */
  sameAsGit: boolean;
}

const labels = { ours: 'ours', base: 'base', theirs: 'theirs' };

/** Code-like text: functions of a few statements, braces and blank lines repeating as in real files. */
function codeFile(lines: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < lines; i++) {
    out.push(`export function step${i}(input: Input): Output {`, `  const value = compute(input, ${i % 97});`, `  log.debug('step ${i}', { value });`, '  return value;', '}', '');
  }
  return out.slice(0, lines).map((line) => `${line}\n`);
}

/** `lines` with every `every`-th line from `from` to `to` changed, and an inserted line after some. */
function edited(lines: string[], from: number, to: number, every: number, tag: string): string[] {
  return lines.flatMap((line, i) =>
    i >= from && i < to && i % every === 0 ? [`${line.trimEnd()} // ${tag}\n`, ...(i % (every * 4) === 0 ? [`// added by ${tag}\n`] : [])] : [line],
  );
}

function timeOurs(base: string, ours: string, theirs: string, runs: number): { ms: number; text: string; conflicts: number } {
  const times: number[] = [];
  let result = mergeText(base, ours, theirs, labels);
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    result = mergeText(base, ours, theirs, labels);
    times.push(performance.now() - started);
  }
  return { ms: median(times), ...result };
}

function timeGit(base: string, ours: string, theirs: string, runs: number): { ms: number; text: string; conflicts: number } {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'merge-bench-'));
  try {
    const files = { ours: path.join(folder, 'ours'), base: path.join(folder, 'base'), theirs: path.join(folder, 'theirs') };
    writeFileSync(files.ours, ours);
    writeFileSync(files.base, base);
    writeFileSync(files.theirs, theirs);
    const args = ['merge-file', '-p', '--diff3', '-L', 'ours', '-L', 'base', '-L', 'theirs', files.ours, files.base, files.theirs];
    const times: number[] = [];
    let child = spawnSync('git', args, { encoding: 'utf8', maxBuffer: 1 << 28 });
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      child = spawnSync('git', args, { encoding: 'utf8', maxBuffer: 1 << 28 });
      times.push(performance.now() - started);
    }
    if (child.status === null || child.status < 0) throw new Error(`git merge-file failed: ${child.stderr}`);
    return { ms: median(times), text: child.stdout, conflicts: child.status };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function row(name: string, base: string[], ours: string[], theirs: string[], runs: number): MergeRow {
  const [b, o, t] = [base.join(''), ours.join(''), theirs.join('')];
  const mine = timeOurs(b, o, t, runs);
  const git = timeGit(b, o, t, runs);
  return { case: name, lines: base.length, oursMs: mine.ms, gitMs: git.ms, sameAsGit: mine.text === git.text && mine.conflicts === git.conflicts };
}

export function benchMerge(): MergeRow[] {
  const base = codeFile(10_000);
  const clean = row('10,000-line file, edits on both sides apart', base, edited(base, 0, 5_000, 97, 'ours'), edited(base, 5_000, 10_000, 89, 'theirs'), 21);
  const next = random(11);
  const noise = (n: number) => Array.from({ length: n }, () => `${'abc'[Math.floor(next() * 3)]}\n`);
  const hostile = row('hostile: 20,000 lines of 3 values, unrelated sides', noise(20_000), noise(20_000), noise(20_000), 3);
  return [clean, hostile];
}
