import { spawnSync } from 'node:child_process';

export interface Timing {
  /** Median wall time, seconds. */
  median: number;
  runs: number[];
}

export const benchEnv: NodeJS.ProcessEnv = {
  ...process.env,
  AWS_EC2_METADATA_DISABLED: 'true',
  CDK_DISABLE_CLI_TELEMETRY: 'true',
  CDK_DISABLE_VERSION_CHECK: 'true',
  NO_COLOR: '1',
};

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `command` `times` times (after `prepare` each time), and returns the median wall time. */
export function timeCommand(
  command: string,
  args: string[],
  { cwd, times, prepare }: { cwd: string; times: number; prepare?: () => void },
): Timing {
  const runs: number[] = [];
  for (let i = 0; i < times; i++) {
    prepare?.();
    const started = performance.now();
    const child = spawnSync(command, args, { cwd, env: benchEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
    const seconds = (performance.now() - started) / 1000;
    if (child.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${child.stdout}${child.stderr}`);
    runs.push(seconds);
  }
  return { median: median(runs), runs };
}

/** Runs a command once, for setup; throws with its output when it fails. */
export function setup(command: string, args: string[], cwd: string): void {
  const child = spawnSync(command, args, { cwd, env: benchEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
  if (child.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${child.stdout}${child.stderr}`);
}
