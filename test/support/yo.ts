import { chmodSync, chownSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectEnv, run, type RunResult } from './run.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * yo drops root privileges to SUDO_UID or uid 1000 before it does anything (root-check), so when
 * the tests run as root, the folders yo works in must belong to that user, as they would on a
 * developer's machine.
 */
const yoUid = process.getuid?.() === 0 ? Number.parseInt(process.env['SUDO_UID'] ?? '', 10) || 1000 : undefined;

export function handToYoUser(folder: string): void {
  if (yoUid === undefined) return;
  chownSync(folder, yoUid, yoUid);
  for (const entry of readdirSync(folder, { recursive: true })) {
    if (!String(entry).split(path.sep).includes('node_modules')) chownSync(path.join(folder, String(entry)), yoUid, yoUid);
  }
}

export interface Yo {
  run(args: string[], cwd: string): RunResult;
  /** Like run, for a command that must fail: its exit code and output. */
  fail(args: string[], cwd: string): RunResult;
}

/**
 * Installs yo@7 and the packed generator-log-lambda into `prefix`, the way a user installs them
 * globally (`npm install --global yo generator-log-lambda`), and returns a way to run yo with it.
 */
export function installYo(workspace: string): Yo {
  if (yoUid !== undefined) chmodSync(workspace, 0o755); // mkdtemp makes it 0700: yo's user must read the prefix
  const prefix = path.join(workspace, 'prefix');
  const home = path.join(workspace, 'home');
  mkdirSync(home, { recursive: true });
  handToYoUser(home);
  run('pnpm', ['pack', '--pack-destination', workspace], repoRoot);
  const tarball = readdirSync(workspace).find((file) => /^generator-log-lambda-.*\.tgz$/.test(file))!;
  run('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', 'yo@7.0.1', path.join(workspace, tarball)], workspace);

  const env = { ...projectEnv, HOME: home, npm_config_prefix: prefix, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${projectEnv['PATH']}` };
  const yo = path.join(prefix, 'bin', 'yo');
  return {
    run: (args, cwd) => run(yo, [...args, '--no-insight'], cwd, env),
    fail: (args, cwd) => run(yo, [...args, '--no-insight'], cwd, env, { expectFailure: true }),
  };
}
