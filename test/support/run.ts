import { spawnSync } from 'node:child_process';

/** Environment for commands run in a generated project: offline-safe CDK, no AWS account. */
export const projectEnv: NodeJS.ProcessEnv = {
  ...process.env,
  AWS_EC2_METADATA_DISABLED: 'true',
  CDK_DISABLE_CLI_TELEMETRY: 'true',
  CDK_DISABLE_VERSION_CHECK: 'true',
  FORCE_COLOR: '0',
  NO_COLOR: '1',
};

export interface RunResult {
  status: number;
  output: string;
  seconds: number;
}

/** Runs a command to completion; throws with its output when it fails. */
export function run(command: string, args: string[], cwd: string): RunResult {
  const started = performance.now();
  const child = spawnSync(command, args, { cwd, env: projectEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const result = {
    status: child.status ?? 1,
    output: `${child.stdout ?? ''}${child.stderr ?? ''}`,
    seconds: (performance.now() - started) / 1000,
  };
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}) in ${cwd}:\n${result.output}`);
  return result;
}
