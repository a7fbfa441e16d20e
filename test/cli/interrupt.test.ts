/**
 * Real signals at several moments of a run into a folder that held files of the user's: before
 * writing (at a prompt), while writing, and while the package manager installs (to the process
 * alone, and to its whole group as a terminal's Ctrl-C does). Afterwards the folder must be byte
 * for byte what it was, and stay so: the package manager is stopped before the clean-up.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createBin, tempFolders, tree, userEnv } from '../support/create-cli.js';

const tempFolder = tempFolders('create-signals');

/** A folder of the user's: files the project will replace (README.md, with --overwrite) and files it leaves. */
function userFolder(): { cwd: string; folder: string } {
  const cwd = tempFolder();
  const folder = path.join(cwd, 'mine');
  mkdirSync(path.join(folder, 'docs'), { recursive: true });
  writeFileSync(path.join(folder, 'README.md'), '# my project\r\n');
  writeFileSync(path.join(folder, 'docs/notes.md'), 'notes\n');
  writeFileSync(path.join(folder, 'data.bin'), Buffer.from([0, 1, 2, 255]));
  return { cwd, folder };
}

/**
 * A package manager that installs slowly: it keeps writing into node_modules, starts a
 * grandchild that writes too, and says when it has begun. Only the timing is made up: a real
 * npm, killed the same way, is in test/e2e/interrupt.e2e.test.ts.
 */
function slowPackageManager(cwd: string): string {
  const bin = path.join(cwd, 'slow-bin');
  mkdirSync(bin);
  const script = `#!/bin/sh
mkdir -p node_modules/.cache
(while true; do touch node_modules/.cache/grandchild-$$; sleep 0.02; done) &
echo "installing..." >&2
i=0
while [ $i -lt 1500 ]; do i=$((i+1)); touch node_modules/pkg-$i; sleep 0.02; done
`;
  writeFileSync(path.join(bin, 'npm'), script);
  chmodSync(path.join(bin, 'npm'), 0o755);
  return `${bin}${path.delimiter}${process.env['PATH']}`;
}

interface Started {
  waitFor(text: string): Promise<void>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
  pid: number;
}

function start(args: string[], cwd: string, env: NodeJS.ProcessEnv, stdin: 'pipe' | 'ignore' = 'ignore'): Started {
  // Its own process group, so that a signal "to the group" reaches it and everything it started, as Ctrl-C does.
  const child = spawn(process.execPath, [createBin, ...args], { cwd, env: userEnv(env), stdio: [stdin, 'pipe', 'pipe'], detached: true });
  let output = '';
  const waiters: Array<{ text: string; resolve: () => void }> = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of waiters.filter((w) => output.includes(w.text))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, output })),
  );
  return {
    pid: child.pid!,
    exit,
    waitFor: (text) =>
      output.includes(text)
        ? Promise.resolve()
        : Promise.race([
            new Promise<void>((resolve) => waiters.push({ text, resolve })),
            exit.then(({ output: all }) => Promise.reject(new Error(`exited before ${JSON.stringify(text)}:\n${all}`))),
          ]),
  };
}

const exitCodes = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;
const create = ['mine', '--log-group', '/a', '--yes', '--force', '--overwrite', '--no-git'];

describe('a run stopped by a signal leaves the folder exactly as it was', { timeout: 60_000 }, () => {
  it.each([
    ['SIGTERM', 'process'],
    ['SIGINT', 'process'],
    ['SIGINT', 'group'],
    ['SIGHUP', 'process'],
  ] as const)('%s to the %s while the package manager installs', async (signal, target) => {
    const { cwd, folder } = userFolder();
    const before = tree(folder);
    const run = start(create, cwd, { PATH: slowPackageManager(cwd) });
    await run.waitFor('Installing dependencies with npm');
    await sleep(400); // node_modules is filling up, the grandchild is writing
    process.kill(target === 'group' ? -run.pid : run.pid, signal);
    const { code, output } = await run.exit;
    expect(code, output).toBe(exitCodes[signal]);
    expect(output).toMatch(new RegExp(`Interrupted \\(${signal}\\)\\. Removed what this run had created .* and put back the 1 file it had replaced: mine is as it was\\.`));
    expect(tree(folder)).toEqual(before);
    await sleep(500); // nothing the package manager started comes back to write
    expect(tree(folder)).toEqual(before);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('%s while the files are being written', async (signal) => {
    const { cwd, folder } = userFolder();
    const before = tree(folder);
    const run = start([...create, '--skip-install'], cwd, {});
    await run.waitFor('create mine/'); // the run reports each file as it writes it
    process.kill(run.pid, signal);
    const { code, output } = await run.exit;
    if (code === exitCodes[signal]) return expect(tree(folder)).toEqual(before);
    // Under load the run may have finished before the signal came: then the project is complete,
    // and kept (a signal after the run, before the process exits, ends it as any program).
    expect(existsSync(path.join(folder, 'lib/mine-stack.ts')), output).toBe(true);
    expect(existsSync(path.join(folder, '.log-lambda/base.json'))).toBe(true);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('%s before anything is written, at a prompt', async (signal) => {
    const { cwd, folder } = userFolder();
    const before = tree(folder);
    const run = start(['mine', '--force', '--interactive', '--skip-install', '--no-git'], cwd, {}, 'pipe');
    await run.waitFor('? Project name');
    process.kill(run.pid, signal);
    const { code, signal: killedBy } = await run.exit;
    expect(code !== 0 || killedBy !== null).toBe(true);
    expect(tree(folder)).toEqual(before);
  });
});

describe('the next steps it prints', { timeout: 30_000 }, () => {
  it.each(['d$(touch PWNED1)', 'e;touch PWNED2', 'f&touch PWNED3', "g'`touch PWNED4`"])('run nothing but themselves when pasted, for a folder named %j', async (name) => {
    const cwd = tempFolder();
    const run = start([name, '--log-group', '/a', '--yes', '--skip-install', '--no-git'], cwd, {});
    const { code, output } = await run.exit;
    expect(code, output).toBe(0);
    const steps = output
      .slice(output.indexOf('Done. Now run:'))
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    const cd = steps[1]!;
    expect(cd).toBe(`cd '${name.replace(/'/g, "'\\''")}'`);
    const shell = spawn('sh', ['-c', `${cd} && pwd`], { cwd });
    let pwd = '';
    shell.stdout.on('data', (chunk: Buffer) => (pwd += chunk.toString()));
    await new Promise((resolve) => shell.on('close', resolve));
    expect(pwd.trim().endsWith(name)).toBe(true);
    expect(Object.keys(tree(cwd)).filter((entry) => entry.includes('PWNED') && !entry.startsWith(name))).toEqual([]);
  });
});
