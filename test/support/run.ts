import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** Environment for commands run in a generated project: offline-safe CDK, no AWS account. */
export const projectEnv: NodeJS.ProcessEnv = {
  ...process.env,
  AWS_EC2_METADATA_DISABLED: 'true',
  CDK_DISABLE_CLI_TELEMETRY: 'true',
  CDK_DISABLE_VERSION_CHECK: 'true',
  FORCE_COLOR: '0',
  NO_COLOR: '1',
};

/**
 * The environment of a user's shell: projectEnv without the npm_* variables and the
 * node_modules/.bin folders on PATH that the package manager running the tests adds.
 */
export function cleanShell(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(projectEnv).filter(([name]) => !/^(npm_|pnpm_)/i.test(name)));
  env['PATH'] = (env['PATH'] ?? '')
    .split(path.delimiter)
    .filter((folder) => !/node_modules[\\/]\.bin$|node-gyp-bin$/.test(folder))
    .join(path.delimiter);
  return { ...env, ...extra };
}

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
  output: string;
  seconds: number;
}

/**
 * Runs a command to completion, without a terminal. Throws with its output when it fails, or,
 * with `expectFailure`, when it does not.
 */
export function run(command: string, args: string[], cwd: string, env = projectEnv, { expectFailure = false } = {}): RunResult {
  const started = performance.now();
  const child = spawnSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const stdout = child.stdout ?? '';
  const stderr = child.stderr ?? '';
  const result = { status: child.status ?? 1, stdout, stderr, output: `${stdout}${stderr}`, seconds: (performance.now() - started) / 1000 };
  if ((result.status !== 0) !== expectFailure) {
    throw new Error(`${command} ${args.join(' ')} ${expectFailure ? 'succeeded, but should have failed' : `failed (exit ${result.status})`} in ${cwd}:\n${result.output}`);
  }
  return result;
}
