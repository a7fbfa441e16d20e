import { spawn, type ChildProcess } from 'node:child_process';
import { cdCommand, InstallError, type PackageManager } from '../package-manager.js';
import type { FolderTransaction } from './transaction.js';

type Log = (line: string) => void;

/**
 * `<pm> install` in `cwd`, showing progress instead of the package manager's wall of output:
 * a step line, a ticking elapsed time on a terminal, and the time it took. On failure the last
 * lines of its output are shown, and an InstallError says how to finish by hand.
 */
export async function installDependencies(pm: PackageManager, cwd: string, log: Log, onStart: (child: ChildProcess) => void = () => {}): Promise<void> {
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)}s`;
  const tty = process.stdout.isTTY;
  log(`Installing dependencies with ${pm}...`);
  const ticker = tty ? setInterval(() => process.stdout.write(`\r  ${elapsed()}`), 250) : undefined;
  const { code, output } = await run(pm, ['install'], cwd, onStart).finally(() => {
    clearInterval(ticker);
    if (tty) process.stdout.write('\r');
  });
  if (code !== 0) {
    process.stderr.write(`${output.trimEnd().split('\n').slice(-15).join('\n')}\n`);
    throw new InstallError(`${pm} install failed after ${elapsed()} (exit ${code}); the project is in ${cwd}: finish with \`${cdCommand(cwd)}\` and \`${pm} install\``);
  }
  log(`Installed dependencies in ${elapsed()}`);
}

function run(command: string, args: string[], cwd: string, onStart: (child: ChildProcess) => void): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    let output = '';
    // A process group of its own (detached): an interrupted run stops it and everything it
    // started (install scripts) before cleaning up, whether the signal came to us alone or to
    // our whole group.
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32', detached: process.platform !== 'win32' });
    onStart(child);
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => resolve({ code: 127, output: `${output}${error.message}` }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/**
 * The install as the last step of a run that wrote `cwd` under `transaction`: a signal stops the
 * package manager and the guard takes the whole run back; an install that fails on its own keeps
 * the complete write and is returned, for the run to finish (its first commit, the steps that are
 * left) before it reports the InstallError.
 */
export async function installInRun(transaction: FolderTransaction, pm: PackageManager, cwd: string, log: Log): Promise<InstallError | undefined> {
  try {
    await installDependencies(pm, cwd, log, (child) => transaction.trackChild(child));
    return undefined;
  } catch (error) {
    // Stopped by a signal: the guard is putting the folder back and will exit; nothing to add.
    if (transaction.isStopping) await new Promise(() => {});
    if (!(error instanceof InstallError)) throw error;
    transaction.keep();
    return error;
  }
}
