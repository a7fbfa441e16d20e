/**
 * The built `create-log-lambda` bin, run the way a user runs it: `node dist/index.js <args>` in a
 * folder, without a terminal (so it never prompts), with the environment a package manager
 * would give it.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { projectEnv, run, type RunResult } from './run.js';

export const createPackage = fileURLToPath(new URL('../../packages/create-log-lambda/', import.meta.url));
export const createBin = path.join(createPackage, 'dist/index.js');

// Built from the current sources for each test file (about half a second): never a stale bin.
run(process.execPath, [path.join(createPackage, 'build.mjs')], createPackage);

/** Who makes the generated project's first commit. */
export const gitIdentity: NodeJS.ProcessEnv = {
  GIT_AUTHOR_NAME: 'Test User',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test User',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

/**
 * The environment of a user's shell: no package manager in npm_config_user_agent (vitest may run
 * under pnpm), a git identity for the first commit, unless `env` says otherwise.
 */
export function userEnv(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...projectEnv, ...gitIdentity };
  delete base['npm_config_user_agent'];
  return { ...base, ...env };
}

export function create(args: string[], cwd: string, env?: NodeJS.ProcessEnv): RunResult {
  return run(process.execPath, [createBin, ...args], cwd, userEnv(env));
}

/** Runs a command that must fail; returns its output. */
export function createFails(args: string[], cwd: string, env?: NodeJS.ProcessEnv): RunResult {
  return run(process.execPath, [createBin, ...args], cwd, userEnv(env), { expectFailure: true });
}

/** A fresh folder for one test, removed after the file's tests. */
export function tempFolders(prefix: string): () => string {
  const made: string[] = [];
  afterAll(() => made.forEach((folder) => rmSync(folder, { recursive: true, force: true })));
  return () => {
    const folder = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
    made.push(folder);
    return folder;
  };
}

/** Every file and folder under `root` with its contents (folders: null), to compare before and after. */
export function tree(root: string): Record<string, string | null> {
  if (!existsSync(root)) return {};
  return Object.fromEntries(
    readdirSync(root, { recursive: true })
      .map(String)
      .sort()
      .map((entry) => {
        const file = path.join(root, entry);
        return [entry, statSync(file).isDirectory() ? null : readFileSync(file, 'latin1')];
      }),
  );
}

/**
 * A folder with fake package managers: each writes `<name> <args>` and its working folder to
 * `calls.log` and exits with `exitCode`. Put it first on PATH to see which one ran.
 */
export function fakePackageManagers(folder: string, exitCode = 0): { path: string; calls: () => string[] } {
  const bin = path.join(folder, 'fake-bin');
  const log = path.join(bin, 'calls.log');
  mkdirSync(bin, { recursive: true });
  for (const pm of ['npm', 'pnpm', 'yarn', 'bun']) {
    const script = path.join(bin, pm);
    const complain = exitCode === 0 ? '' : `echo "${pm} ERR! something went wrong" >&2\n`;
    writeFileSync(script, `#!/bin/sh\necho "${pm} $* in $(pwd)" >> "${log}"\n${complain}exit ${exitCode}\n`);
    chmodSync(script, 0o755);
  }
  return {
    path: `${bin}${path.delimiter}${process.env['PATH']}`,
    calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []),
  };
}

/** The lines a failing command wrote to stderr, without blank ones. */
export function errorLines(result: RunResult): string[] {
  return result.stderr.split('\n').filter((line) => line.trim() !== '');
}
