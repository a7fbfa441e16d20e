/**
 * How create-log-lambda fails: one line naming what to change, a non-zero exit, no stack trace,
 * and never a half-made project or a changed file of the user's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFails, errorLines, fakePackageManagers, tempFolders, tree } from '../support/create-cli.js';

const tempFolder = tempFolders('create-errors');
const offline = ['--skip-install', '--no-git'];

/** A folder with files of the user's: a project of theirs, say. */
function userFolder(): { cwd: string; folder: string } {
  const cwd = tempFolder();
  const folder = path.join(cwd, 'mine');
  mkdirSync(path.join(folder, 'src'), { recursive: true });
  writeFileSync(path.join(folder, 'notes.txt'), 'my notes\n');
  writeFileSync(path.join(folder, 'src/index.ts'), 'export const mine = 1;\n');
  writeFileSync(path.join(folder, 'binary.dat'), Buffer.from([0, 255, 1, 254]));
  return { cwd, folder };
}

describe('without a terminal, or with --yes', { timeout: 30_000 }, () => {
  it.each([[[]], [['--yes']], [['--no-interactive']]])('%j: a missing --log-group is one line naming the flag, and nothing is created', (flags) => {
    const cwd = tempFolder();
    const result = createFails(['my-app', ...flags, ...offline], cwd);
    expect(result.status).toBe(1);
    expect(errorLines(result)).toEqual([expect.stringMatching(/^--log-group: is required \(pass --log-group <value>/)]);
    expect(result.output).not.toMatch(/\n\s+at /);
    expect(tree(cwd)).toEqual({});
  });
});

describe('a bad value', { timeout: 30_000 }, () => {
  // Each refusal is tested once, at the engine (test/engine/create.test.ts): here, that the bin prints it as one line and exits 1.
  it.each([
    ['--log-group', ['--log-group', '/aws/lambda/my function']],
    ['--package-manager', ['--log-group', '/a', '--package-manager', 'cargo']],
  ])('of %s: one line naming the flag, exit 1, nothing created', (flag, args) => {
    const cwd = tempFolder();
    const result = createFails(['my-app', ...args, '--yes', ...offline], cwd);
    expect(result.status).toBe(1);
    expect(errorLines(result)).toEqual([expect.stringMatching(new RegExp(`^${flag}: `))]);
    expect(tree(cwd)).toEqual({});
  });
});

describe('a folder that is not empty', { timeout: 30_000 }, () => {
  it('is refused, and the files in it stay byte for byte', () => {
    const { cwd, folder } = userFolder();
    const before = tree(folder);
    const result = createFails(['mine', '--log-group', '/a', '--yes', ...offline], cwd);
    expect(errorLines(result)).toEqual([`directory: ${folder} is not empty (choose a new folder, or pass --force to generate beside what is there)`]);
    expect(tree(folder)).toEqual(before);
  });
});

describe('a run that breaks half-way', { timeout: 30_000 }, () => {
  it("removes what it had created, puts back what it had replaced, and touches nothing else of the user's", () => {
    const { cwd, folder } = userFolder();
    writeFileSync(path.join(folder, 'README.md'), Buffer.from('# mine, with CRLF\r\n\u00ff', 'latin1'));
    // A file where the project's test/ folder goes: writing under it fails after other files were written.
    writeFileSync(path.join(folder, 'test'), 'my notes\n');
    const before = tree(folder);
    const result = createFails(['mine', '--log-group', '/a', '--yes', '--force', '--overwrite', ...offline], cwd);
    expect(result.status).toBe(1);
    expect(errorLines(result).slice(-2)).toEqual([
      expect.stringMatching(/^Removed what this run had created \(\d+ files and folders\) and put back the 1 file it had replaced: mine is as it was\.$/),
      'test: is a file where log-lambda needs a folder; nothing was changed (move it away and run again)',
    ]);
    expect(result.stderr).toContain('create mine/lib/mine-stack.ts'); // it had written files...
    expect(tree(folder)).toEqual(before); // ...and took them back
    expect(result.output).not.toMatch(/\n\s+at /);
  });

  it('a folder where a file of the project goes: refused before anything is written, naming it', () => {
    const { cwd, folder } = userFolder();
    mkdirSync(path.join(folder, 'package.json/mine'), { recursive: true });
    const before = tree(folder);
    const result = createFails(['mine', '--log-group', '/a', '--yes', '--force', '--overwrite', ...offline], cwd);
    expect(errorLines(result)).toEqual(['package.json: is a folder where log-lambda writes a file; nothing was changed (move it away, or generate into another folder)']);
    expect(tree(folder)).toEqual(before);
  });

  it('keeps the project when only the install failed, makes the first commit anyway, and says every step that is left', () => {
    const cwd = tempFolder();
    const pm = fakePackageManagers(cwd, 1);
    const result = createFails(['my-app', '--log-group', '/a', '--yes'], cwd, { PATH: `${pm.path}${path.delimiter}${process.env['PATH']}` });
    expect(result.status).toBe(1);
    expect(pm.calls()).toEqual([`npm install in ${path.join(cwd, 'my-app')}`]);
    expect(result.stderr).toContain('npm ERR! something went wrong');
    expect(result.output).toContain('Initialised a git repository with a first commit');
    expect(result.output).toContain('The project is written, but its install failed. What is left to run:\n\n  cd my-app\n  npm install\n  npm test\n  npm run synth\n');
    expect(errorLines(result).at(-1)).toMatch(/^npm install failed after .*finish with `cd .*my-app` and `npm install`$/);
    expect(existsSync(path.join(cwd, 'my-app/lib/my-app-stack.ts'))).toBe(true);
    const log = spawnSync('git', ['log', '--format=%s'], { cwd: path.join(cwd, 'my-app'), encoding: 'utf8' });
    expect(log.stdout.trim()).toBe('Initial commit from log-lambda');
  });
});
