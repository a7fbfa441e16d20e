/** FolderTransaction: after a failed or stopped run, the folder is exactly as it was before. */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { FolderTransaction } from '@log-lambda/shared/engine';
import { tree } from './support/create-cli.js';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));
const fresh = () => (root = mkdtempSync(path.join(tmpdir(), 'transaction-')));
const write = (file: string, text: string | Buffer = 'x') => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
};

describe('FolderTransaction', () => {
  it('removes the outermost folder the run created for a nested target', () => {
    fresh();
    const transaction = new FolderTransaction(path.join(root, 'a/b/c'));
    write(path.join(root, 'a/b/c/package.json'));
    expect(transaction.rollback()).toMatch(/^Removed what this run had created \(.*a\)/);
    expect(tree(root)).toEqual({});
  });

  it('in a folder that existed, removes what was added, restores what was replaced byte for byte and mode, keeps .git and node_modules whole', () => {
    fresh();
    write(path.join(root, 'notes.txt'), 'mine');
    write(path.join(root, 'src/index.ts'), 'mine');
    write(path.join(root, 'run.sh'), Buffer.from([0, 255, 13, 10]));
    chmodSync(path.join(root, 'run.sh'), 0o754);
    write(path.join(root, '.git/HEAD'), 'ref');
    write(path.join(root, 'node_modules/x/index.js'), 'dep');
    const before = tree(root);
    const transaction = new FolderTransaction(root);
    transaction.saveOriginal(path.join(root, 'run.sh'));
    transaction.saveOriginal(path.join(root, 'never-existed.txt'));
    write(path.join(root, 'run.sh'), 'replaced');
    chmodSync(path.join(root, 'run.sh'), 0o600);
    write(path.join(root, 'src/handler.ts'));
    write(path.join(root, 'lib/stack.ts'));
    write(path.join(root, 'never-existed.txt'));
    write(path.join(root, '.git/index'));
    write(path.join(root, 'node_modules/y/index.js'));
    expect(transaction.rollback()).toBe(
      `Removed what this run had created (lib, never-existed.txt, src/handler.ts) and put back the 1 file it had replaced: ${path.relative(process.cwd(), root)} is as it was.`,
    );
    expect(tree(root)).toEqual({ ...before, '.git/index': 'x', 'node_modules/y': null, 'node_modules/y/index.js': 'x' });
    expect(statSync(path.join(root, 'run.sh')).mode & 0o777).toBe(0o754);
  });

  it('takes back once: after keep() or a first roll-back, nothing more', () => {
    fresh();
    const kept = new FolderTransaction(root);
    write(path.join(root, 'made.txt'));
    kept.keep();
    expect(kept.rollback()).toBe('');
    expect(existsSync(path.join(root, 'made.txt'))).toBe(true);
    expect(new FolderTransaction(path.join(root, 'never-made')).rollback()).toBe('');
  });

  it('stops a child and its group before cleaning up, so nothing is re-created afterwards', async () => {
    fresh();
    const target = path.join(root, 'project');
    const transaction = new FolderTransaction(target);
    // A stand-in for a package manager: a shell that keeps writing into the folder, and a grandchild that does too.
    const script = `mkdir -p "${target}"; (while true; do touch "${target}/grandchild.$$"; sleep 0.01; done) & while true; do touch "${target}/child"; sleep 0.01; done`;
    const child = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
    transaction.trackChild(child);
    while (!existsSync(path.join(target, 'child'))) await sleep(10);
    expect(await transaction.abort()).toMatch(/^Removed what this run had created/);
    await sleep(200);
    expect(existsSync(target)).toBe(false);
    expect(child.exitCode !== null || child.signalCode !== null).toBe(true);
  });

  it('never follows a link when it puts things back: a folder swapped for a link during the run is left alone, and what it points to untouched', () => {
    fresh();
    const project = path.join(root, 'project');
    const outside = path.join(root, 'outside');
    write(path.join(project, 'lib/stack.ts'), 'mine');
    write(path.join(project, 'README.md'), 'readme');
    const transaction = new FolderTransaction(project);
    transaction.saveOriginal(path.join(project, 'lib/stack.ts'));
    transaction.saveOriginal(path.join(project, 'README.md'));
    write(path.join(project, 'lib/stack.ts'), 'generated');
    write(path.join(project, 'lib/new.ts'), 'generated');
    write(path.join(project, 'README.md'), 'generated');
    // Another process swaps lib/ for a link to a folder holding files of the same names.
    renameSync(path.join(project, 'lib'), path.join(root, 'old-lib'));
    write(path.join(outside, 'stack.ts'), 'outside');
    write(path.join(outside, 'new.ts'), 'outside');
    symlinkSync(outside, path.join(project, 'lib'));
    const outsideBefore = tree(outside);
    expect(transaction.rollback()).toBe(
      'Put back the 1 file it had replaced; left lib/stack.ts alone: a symbolic link now stands on the way, and log-lambda never writes through one.',
    );
    expect(tree(outside)).toEqual(outsideBefore);
    expect(readFileSync(path.join(project, 'README.md'), 'utf8')).toBe('readme');
  });

  it('restores a file that a link replaced during the run by replacing the link itself, never writing where it points', () => {
    fresh();
    const project = path.join(root, 'project');
    write(path.join(project, 'README.md'), 'readme');
    write(path.join(root, 'bashrc'), 'outside');
    const transaction = new FolderTransaction(project);
    transaction.saveOriginal(path.join(project, 'README.md'));
    rmSync(path.join(project, 'README.md'));
    symlinkSync(path.join(root, 'bashrc'), path.join(project, 'README.md'));
    transaction.rollback();
    expect(lstatSync(path.join(project, 'README.md')).isFile()).toBe(true);
    expect(readFileSync(path.join(project, 'README.md'), 'utf8')).toBe('readme');
    expect(readFileSync(path.join(root, 'bashrc'), 'utf8')).toBe('outside');
  });
});
