/**
 * How create-log-lambda fails: one line naming what to change, a non-zero exit, no stack trace,
 * and never a half-made project or a changed file of the user's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { create, createFails, errorLines, fakePackageManagers, tempFolders, tree } from '../support/create-cli.js';

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
  it.each([
    ['--log-group', ['--log-group', '/aws/lambda/my function']],
    ['--filter-name', ['--log-group', '/a', '--filter-name', 'a:b']],
    ['--project-name', ['--log-group', '/a', '--project-name', 'My App']],
    ['--filter-pattern', ['--log-group', '/a', '--filter-pattern', 'x'.repeat(1025)]],
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

  it("is generated into with --force, keeping the files that are not the project's", () => {
    const { cwd, folder } = userFolder();
    create(['mine', '--log-group', '/a', '--yes', '--force', ...offline], cwd);
    expect(readFileSync(path.join(folder, 'notes.txt'), 'utf8')).toBe('my notes\n');
    expect(readFileSync(path.join(folder, 'binary.dat'))).toEqual(Buffer.from([0, 255, 1, 254]));
    expect(existsSync(path.join(folder, 'lib/mine-stack.ts'))).toBe(true);
  });

  it('--force without a terminal: a file it would replace stops the run before anything is written, naming the files', () => {
    const { cwd, folder } = userFolder();
    writeFileSync(path.join(folder, 'README.md'), '# mine\n');
    writeFileSync(path.join(folder, 'package.json'), '{"name":"mine","private":true}\n');
    const before = tree(folder);
    const result = createFails(['mine', '--log-group', '/a', '--yes', '--force', ...offline], cwd);
    expect(result.status).toBe(1);
    expect(errorLines(result)).toEqual([
      `--overwrite: 2 files in ${folder} would be replaced: README.md, package.json; nothing was written (pass --overwrite to replace them, run in a terminal to choose file by file, or generate into another folder)`,
    ]);
    expect(tree(folder)).toEqual(before);
  });

  it('--force --overwrite: replaces them', () => {
    const { cwd, folder } = userFolder();
    writeFileSync(path.join(folder, 'README.md'), '# mine\n');
    create(['mine', '--log-group', '/a', '--yes', '--force', '--overwrite', ...offline], cwd);
    expect(readFileSync(path.join(folder, 'README.md'), 'utf8')).toContain('# mine\n\nAn AWS CDK app');
    expect(readFileSync(path.join(folder, 'notes.txt'), 'utf8')).toBe('my notes\n');
  });
});

describe('a folder that holds a log-lambda project', { timeout: 30_000 }, () => {
  it.each([[[]], [['--force']], [['--force', '--overwrite']]])('is never generated over, whatever the flags (%j)', (flags) => {
    const cwd = tempFolder();
    create(['proj', '--log-group', '/a', '--yes', ...offline], cwd);
    const folder = path.join(cwd, 'proj');
    const before = tree(folder);
    const result = createFails(['proj', '--log-group', '/b', '--yes', ...flags, ...offline], cwd);
    expect(errorLines(result)).toEqual([
      `directory: ${folder} holds a log-lambda project already (see its .yo-rc.json); generating it again would replace your files and subscriptions (add a subscription with npm create log-lambda@latest -- --add-filter (or yo log-lambda:filter), or bring the project to the current templates with npm create log-lambda@latest -- --upgrade (or yo log-lambda:upgrade))`,
    ]);
    expect(tree(folder)).toEqual(before);
  });
});

describe('inside a log-lambda project', { timeout: 30_000 }, () => {
  it('create . --force in its lib/ folder is refused, pointing at filter and upgrade, nothing written', () => {
    const cwd = tempFolder();
    create(['my-app', '--log-group', '/a', '--yes', ...offline], cwd);
    const before = tree(cwd);
    const lines = errorLines(createFails(['.', '--log-group', '/b', '--force', '--yes', ...offline], path.join(cwd, 'my-app/lib')));
    expect(lines).toEqual([
      `directory: ${path.join(cwd, 'my-app/lib')} is inside the log-lambda project ${path.join(cwd, 'my-app')}; a project is never made inside another (choose a folder outside it, or in ${path.join(cwd, 'my-app')}: add a subscription with npm create log-lambda@latest -- --add-filter (or yo log-lambda:filter), or bring the project to the current templates with npm create log-lambda@latest -- --upgrade (or yo log-lambda:upgrade))`,
    ]);
    expect(tree(cwd)).toEqual(before);
  });
});

describe('a target that is not a folder', { timeout: 30_000 }, () => {
  it('a file, or a dangling link: one sentence, no ENOENT/ENOTDIR', () => {
    const cwd = tempFolder();
    writeFileSync(path.join(cwd, 'file'), 'x');
    symlinkSync(path.join(cwd, 'gone'), path.join(cwd, 'link'));
    expect(errorLines(createFails(['file', '--log-group', '/a', '--yes', ...offline], cwd))).toEqual([
      `directory: ${path.join(cwd, 'file')} is a file, not a folder (choose a new folder name)`,
    ]);
    expect(errorLines(createFails(['link', '--log-group', '/a', '--yes', ...offline], cwd))).toEqual([
      `directory: ${path.join(cwd, 'link')} is a symbolic link to ${path.join(cwd, 'gone')}; log-lambda never reads or writes through a link, so nothing was changed (run it on the folder the link points to)`,
    ]);
    expect(errorLines(createFails(['file/sub', '--log-group', '/a', '--yes', ...offline], cwd))[0]).toMatch(/is inside .*file, which is a file/);
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
