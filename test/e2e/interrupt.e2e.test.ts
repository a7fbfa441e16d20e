/**
 * Ctrl-C during a real install: create-log-lambda runs a real `npm install` into a folder that
 * held files of the user's, and SIGINT reaches create-log-lambda alone (not npm, as when a
 * supervisor or an IDE stops it). The folder must be byte for byte what it was, and stay so:
 * npm is stopped before the clean-up, so it cannot re-create node_modules afterwards.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createBin, tempFolders, tree, userEnv } from '../support/create-cli.js';

const tempFolder = tempFolders('create-interrupt-e2e');

describe('SIGINT to create-log-lambda while npm installs', () => {
  it('leaves the folder exactly as it was, and npm writes nothing afterwards', async () => {
    const cwd = tempFolder();
    const folder = path.join(cwd, 'mine');
    mkdirSync(path.join(folder, 'docs'), { recursive: true });
    writeFileSync(path.join(folder, 'README.md'), '# my project\n');
    writeFileSync(path.join(folder, 'docs/notes.md'), 'notes\n');
    const before = tree(folder);

    const child = spawn(process.execPath, [createBin, 'mine', '--log-group', '/a', '--yes', '--force', '--overwrite', '--package-manager', 'npm'], {
      cwd,
      env: userEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));

    // npm has started writing node_modules.
    for (let waited = 0; !existsSync(path.join(folder, 'node_modules')); waited += 50) {
      if (waited > 120_000) throw new Error(`npm did not start writing node_modules:\n${output}`);
      await sleep(50);
    }
    await sleep(1000);
    child.kill('SIGINT');
    expect(await exited, output).toBe(130);
    expect(output).toMatch(/Interrupted \(SIGINT\)\. Removed what this run had created .* and put back the 1 file it had replaced: mine is as it was\./);
    expect(tree(folder)).toEqual(before);
    await sleep(3000);
    expect(tree(folder)).toEqual(before);
  });
});
