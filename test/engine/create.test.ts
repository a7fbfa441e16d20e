/**
 * The engine's create, tested once for both doors: what it refuses (one line naming the flag or
 * the folder, nothing written), where it may write, and how it settles the user's files.
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { managedHeader } from '@log-lambda/shared';
import { runCreate, type CreateFlags } from '@log-lambda/shared/engine';
import { describe, expect, it } from 'vitest';
import { hashes, tempFolder, testDoor } from '../support/engine-door.js';

const offline: CreateFlags = { yes: true, 'skip-install': true, git: false };
const create = (cwd: string, flags: CreateFlags, directory: string | undefined = 'my-app', door = testDoor(cwd)) => runCreate(door, { directory, flags: { ...offline, ...flags } });

describe('create refuses a bad answer with one line naming the flag, and writes nothing', () => {
  it.each([
    [{}, /^--log-group: is required/],
    [{ 'log-group': '/aws/lambda/my function' }, /^--log-group: "\/aws\/lambda\/my function" contains a space/],
    [{ 'log-group': '/g', 'filter-name': 'a:b' }, /^--filter-name: "a:b" contains ":"/],
    [{ 'log-group': '/g', 'filter-pattern': 'x'.repeat(1025) }, /^--filter-pattern: .*1024/],
    [{ 'log-group': '/g', 'project-name': 'My App' }, /^--project-name: "My App" must start with a lowercase letter/],
    [{ 'log-group': '/aws/lambda/log-lambda/MyAppStack/echo' }, /^--log-group: .*own log group/],
    [{ 'log-group': '/g', 'alarm-email': 'ops' }, /^--alarm-email: "ops" is not an email address/],
    [{ 'log-group': '/g', 'project-name': 'x'.repeat(124) }, /^--project-name: gives the stack name .* of 129 characters; CloudFormation allows 128/],
    [{ 'log-group': '/g', 'package-manager': 'pip' }, /^--package-manager: "pip" is not one of npm, pnpm, yarn, bun/],
    [{ 'account-policy': true, 'log-group': '/a' }, /^--(log-group|account-policy): /],
    [{ 'log-group-prefix': '/a/', 'log-group': '/a' }, /^--log-group(-prefix)?: /],
  ] as Array<[CreateFlags, RegExp]>)('%j', async (flags, message) => {
    const cwd = tempFolder();
    await expect(create(cwd, flags)).rejects.toThrow(message);
    expect(existsSync(path.join(cwd, 'my-app'))).toBe(false);
  });
});

describe('create writes only where a project may go', () => {
  it('refuses a folder that is not empty, leaving it as it was', async () => {
    const cwd = tempFolder();
    mkdirSync(path.join(cwd, 'my-app'));
    writeFileSync(path.join(cwd, 'my-app/notes.txt'), 'mine');
    await expect(create(cwd, { 'log-group': '/g' })).rejects.toThrow(/^directory: .*my-app is not empty \(choose a new folder, or pass --force/);
    expect(hashes(cwd)).toEqual({ 'my-app/notes.txt': Buffer.from('mine').toString('hex') });
  });

  it('accepts a folder holding only .git', async () => {
    const cwd = tempFolder();
    mkdirSync(path.join(cwd, 'my-app/.git'), { recursive: true });
    await create(cwd, { 'log-group': '/g' });
    expect(existsSync(path.join(cwd, 'my-app/package.json'))).toBe(true);
  });

  it('a file, inside a file, a dangling link: one sentence each', async () => {
    const cwd = tempFolder();
    writeFileSync(path.join(cwd, 'a-file'), 'x');
    symlinkSync(path.join(cwd, 'gone'), path.join(cwd, 'link'));
    await expect(create(cwd, { 'log-group': '/g' }, 'a-file')).rejects.toThrow(/^directory: .*a-file is a file, not a folder \(choose a new folder name\)$/);
    await expect(create(cwd, { 'log-group': '/g' }, 'a-file/my-app')).rejects.toThrow(/^directory: .*a-file\/my-app is inside .*a-file, which is a file/);
    await expect(create(cwd, { 'log-group': '/g' }, 'link')).rejects.toThrow(
      /^directory: .*link is a symbolic link to .*gone; log-lambda never reads or writes through a link, so nothing was changed/,
    );
  });

  it.each([[{}], [{ force: true }], [{ force: true, overwrite: true }]] as Array<[CreateFlags]>)(
    'never over a log-lambda project, nor inside one, whatever the flags (%j)',
    async (flags) => {
      const cwd = tempFolder();
      await create(cwd, { 'log-group': '/aws/lambda/versions' });
      const before = hashes(cwd);
      await expect(create(cwd, { 'log-group': '/other', ...flags })).rejects.toThrow(/^directory: .* holds a log-lambda project already .*--add-filter/);
      await expect(create(path.join(cwd, 'my-app/lib'), { 'log-group': '/other', ...flags }, '.')).rejects.toThrow(/^directory: .*lib is inside the log-lambda project /);
      expect(hashes(cwd)).toEqual(before);
    },
  );
});

describe("create beside files of the user's (--force)", () => {
  function userFiles(): { cwd: string; folder: string } {
    const cwd = tempFolder();
    const folder = path.join(cwd, 'my-app');
    mkdirSync(path.join(folder, 'lib'), { recursive: true });
    writeFileSync(path.join(folder, 'README.md'), '# my own readme\n');
    writeFileSync(path.join(folder, 'package.json'), '{ "name": "mine" }\n');
    writeFileSync(path.join(folder, 'notes.txt'), 'my notes\n');
    writeFileSync(path.join(folder, '.gitignore'), `${managedHeader('.gitignore')}${readFileSync(new URL('../../templates/core/_gitignore', import.meta.url), 'utf8')}`);
    return { cwd, folder };
  }

  it('without a terminal: stops before writing anything, listing the files it would replace (not the identical one)', async () => {
    const { cwd, folder } = userFiles();
    const before = hashes(folder);
    await expect(create(cwd, { 'log-group': '/g', force: true })).rejects.toThrow(
      /^--overwrite: 2 files in .*my-app would be replaced: README\.md, package\.json; nothing was written/,
    );
    expect(hashes(folder)).toEqual(before);
  });

  it('--overwrite: replaces them, keeps the other files, reports what it replaced', async () => {
    const { cwd, folder } = userFiles();
    const door = testDoor(cwd);
    await create(cwd, { 'log-group': '/g', force: true, overwrite: true }, 'my-app', door);
    expect(readFileSync(path.join(folder, 'README.md'), 'utf8')).toContain('# my-app');
    expect(readFileSync(path.join(folder, 'notes.txt'), 'utf8')).toBe('my notes\n');
    expect(door.logged).toContain('   replace my-app/README.md');
    expect(door.logged).toContain('   create my-app/.yo-rc.json');
    expect(door.logged.filter((line) => line.includes('.gitignore'))).toEqual([]); // identical: not even rewritten
  });

  it('at a terminal: keeps what the user keeps, replaces what they replace; abort writes nothing', async () => {
    const { cwd, folder } = userFiles();
    const door = testDoor(cwd, { collisions: ['keep', 'replace'] });
    await create(
      cwd,
      {
        'log-group': '/g',
        force: true,
        yes: false,
        interactive: true,
        'filter-pattern': '',
        'filter-name': 'f',
        'create-log-group': false,
        'sample-log-line': 'x',
        'alarm-email': '',
        'project-name': 'my-app',
      },
      'my-app',
      door,
    );
    expect(readFileSync(path.join(folder, 'README.md'), 'utf8')).toBe('# my own readme\n');
    expect(JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')).name).toBe('my-app');

    const other = userFiles();
    const before = hashes(other.folder);
    await expect(create(other.cwd, { 'log-group': '/g', force: true, 'filter-pattern': '' }, 'my-app', testDoor(other.cwd, { collisions: ['abort'] }))).rejects.toThrow(
      /nothing was written/,
    );
    expect(hashes(other.folder)).toEqual(before);
  });

  it('refuses to write through a symbolic link, changing nothing inside or outside', async () => {
    const cwd = tempFolder();
    mkdirSync(path.join(cwd, 'my-app'));
    writeFileSync(path.join(cwd, 'outside.txt'), 'outside\n');
    symlinkSync(path.join(cwd, 'outside.txt'), path.join(cwd, 'my-app/README.md'));
    const before = hashes(cwd);
    await expect(create(cwd, { 'log-group': '/g', force: true, overwrite: true })).rejects.toThrow(
      /^README\.md: is a symbolic link to .*outside\.txt; log-lambda never reads or writes through a link/,
    );
    expect(hashes(cwd)).toEqual(before);
  });
});
