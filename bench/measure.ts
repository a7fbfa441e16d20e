import { spawnSync } from 'node:child_process';
import { cleanShell } from '../test/support/run.js';

export interface Timing {
  /** Median wall time, seconds. */
  median: number;
  runs: number[];
}

/**
 * A user's shell, offline-safe for the CDK: without what `pnpm bench` adds (npm_* variables, among
 * them npm_config_user_agent, which would make create-log-lambda install with pnpm, and the
 * repository's node_modules/.bin on PATH). The same the end-to-end tests run users' commands in.
 */
export const benchEnv: NodeJS.ProcessEnv = cleanShell();

/** The median of `runs`, with the runs. */
export function timing(runs: number[]): Timing {
  return { median: median(runs), runs };
}

/** A ratio taken within each round (both sides measured on the same machine state), and its median. */
export interface PerRound {
  median: number;
  rounds: number[];
}

/** `numerators[i] / denominators[i]` for each round i, and their median. */
export function perRound(numerators: readonly number[], denominators: readonly number[]): PerRound {
  const rounds = numerators.map((value, i) => value / denominators[i]!);
  return { median: median(rounds), rounds };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `command` `times` times (after `prepare` each time), and returns the median wall time. */
export function timeCommand(command: string, args: string[], { cwd, times, prepare }: { cwd: string; times: number; prepare?: () => void }): Timing {
  const runs: number[] = [];
  for (let i = 0; i < times; i++) {
    prepare?.();
    runs.push(timeOnce(command, args, cwd));
  }
  return timing(runs);
}

export interface Run {
  command: string;
  args: string[];
  cwd: string;
  /** Before each run, untimed: e.g. remove what the last run made. */
  prepare?: () => void;
}

/**
 * Runs each of `runs` once per round, `rounds` times, so that they all see the same machine (a
 * busy neighbour slows every one of them, not just the one measured then); medians per run.
 */
export function timeRounds<K extends string>(runs: Record<K, Run>, rounds: number): Record<K, Timing> {
  const timings = Object.fromEntries(Object.keys(runs).map((key) => [key, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < rounds; round++) {
    for (const key of Object.keys(runs) as K[]) {
      const { command, args, cwd, prepare } = runs[key];
      prepare?.();
      timings[key].push(timeOnce(command, args, cwd));
    }
  }
  return Object.fromEntries(Object.entries<number[]>(timings).map(([key, seconds]) => [key, timing(seconds)])) as Record<K, Timing>;
}

/** Runs a command once; its wall time in seconds. Throws with its output when it fails. */
export function timeOnce(command: string, args: string[], cwd: string): number {
  return timed(command, args, cwd).seconds;
}

/** Runs a command once; its wall time in seconds and what it printed. Throws when it fails. */
export function timed(command: string, args: string[], cwd: string): { seconds: number; output: string } {
  const started = performance.now();
  const output = setup(command, args, cwd);
  return { seconds: (performance.now() - started) / 1000, output };
}

/** Runs a command once, for setup; returns its output, throws with it when the command fails. */
export function setup(command: string, args: string[], cwd: string): string {
  const child = spawnSync(command, args, { cwd, env: benchEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
  if (child.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${child.stdout}${child.stderr}`);
  return `${child.stdout}${child.stderr}`;
}
