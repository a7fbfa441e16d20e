/**
 * Nothing outside the project is ever written: a symbolic link anywhere on the way to a file a
 * run reads to merge, writes or removes (the project folder itself, a folder on the way, the file
 * itself, pointing outside or inside) stops the run before anything is written. Every door: the
 * create-log-lambda bin (create and --upgrade), and the yo generators (app, filter, upgrade).
 * Each test hashes the project AND the folder outside it before and after.
 */
import { mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { create, createFails, errorLines, tempFolders } from './support/create-cli.js';
import { runApp, runFilter, runUpgrade, yoFailure } from './support/generators.js';
import { linkSafeTree } from './support/link-safe-tree.js';
import { olderProjectIn } from './support/older-project.js';

const tempFolder = tempFolders('containment');
const NEVER_THROUGH = 'log-lambda never reads or writes through a link';

/** A workspace with a folder outside the project that holds a file of the user's. */
function workspace(): { cwd: string; outside: string } {
  const cwd = tempFolder();
  const outside = path.join(cwd, 'outside');
  mkdirSync(outside);
  writeFileSync(path.join(outside, 'bashrc'), 'export PATH=/usr/bin\n');
  return { cwd, outside };
}

/** A project made by the create bin in `cwd` (no install, no git). */
function project(cwd: string, name = 'my-app'): string {
  create([name, '--log-group', '/aws/lambda/versions', '--yes', '--skip-install', '--no-git'], cwd);
  return path.join(cwd, name);
}

/** Moves `file` (under `project`) to `outside` and leaves a link to it in its place. */
function linkOut(project: string, file: string, outside: string): void {
  const moved = path.join(outside, path.basename(file));
  renameSync(path.join(project, file), moved);
  symlinkSync(moved, path.join(project, file));
}

describe('create: a link on the way is refused, nothing written anywhere', { timeout: 30_000 }, () => {
  const flags = ['--log-group', '/a/b', '--force', '--overwrite', '--yes', '--skip-install', '--no-git'];

  it('a folder on the way (lib/ -> a folder outside): the bin and yo log-lambda', async () => {
    const { cwd, outside } = workspace();
    mkdirSync(path.join(cwd, 'full'));
    symlinkSync(outside, path.join(cwd, 'full/lib'));
    const before = linkSafeTree(cwd);
    const result = createFails(['full', ...flags], cwd);
    expect(errorLines(result)).toEqual([
      `lib: is a symbolic link to ${outside}; ${NEVER_THROUGH}, inside the project or out of it, so nothing was changed (replace the link with the file or folder itself, or remove it, and run again)`,
    ]);
    expect(linkSafeTree(cwd)).toEqual(before);

    let inYo: Record<string, string> = {};
    const run = runApp({ 'log-group': '/g', force: true, overwrite: true }).doInDir((dir) => {
      mkdirSync(path.join(dir, 'outside'));
      writeFileSync(path.join(dir, 'outside/alarms.ts'), 'mine\n');
      mkdirSync(path.join(dir, 'my-app'));
      symlinkSync(path.join(dir, 'outside'), path.join(dir, 'my-app/lib'));
      inYo = linkSafeTree(dir);
    });
    expect(await yoFailure(run)).toMatch(/^lib: is a symbolic link to .*outside; log-lambda never reads or writes through a link/);
    expect(linkSafeTree('.')).toEqual(inYo);
  });

  it('the project folder itself a link to a folder outside', () => {
    const { cwd, outside } = workspace();
    symlinkSync(outside, path.join(cwd, 'full'));
    const before = linkSafeTree(cwd);
    const result = createFails(['full', ...flags], cwd);
    expect(errorLines(result)).toEqual([
      `directory: ${path.join(cwd, 'full')} is a symbolic link to ${outside}; ${NEVER_THROUGH}, so nothing was changed (run it on the folder the link points to)`,
    ]);
    expect(linkSafeTree(cwd)).toEqual(before);
  });

  it.each([
    ['outside the project', (cwd: string) => path.join(cwd, 'outside/bashrc')],
    ['inside the project', (cwd: string) => path.join(cwd, 'full/notes.md')],
  ])('the file itself, a link to a file %s', (_where, targetOf) => {
    const { cwd } = workspace();
    mkdirSync(path.join(cwd, 'full'));
    writeFileSync(path.join(cwd, 'full/notes.md'), 'my notes\n');
    symlinkSync(targetOf(cwd), path.join(cwd, 'full/README.md'));
    const before = linkSafeTree(cwd);
    const result = createFails(['full', ...flags], cwd);
    expect(errorLines(result)[0]).toMatch(/^README\.md: is a symbolic link to .*; log-lambda never reads or writes through a link/);
    expect(linkSafeTree(cwd)).toEqual(before);
  });
});

describe('yo log-lambda:filter: a link on the way is refused, nothing written anywhere', { timeout: 30_000 }, () => {
  it.each(['README.md', 'lib/subscriptions.ts', 'test/fixtures/log-lines.json', '.yo-rc.json'])('%s a link to a file outside', async (file) => {
    const { cwd, outside } = workspace();
    const root = project(cwd);
    linkOut(root, file, outside);
    const before = linkSafeTree(cwd);
    expect(await yoFailure(runFilter(root, { 'log-group': '/new/x' }))).toMatch(new RegExp(`^${file.replace(/\./g, '\\.')}: is a symbolic link to .*outside/.*; ${NEVER_THROUGH}`));
    expect(linkSafeTree(cwd)).toEqual(before);
  });

  it.each(['lib', 'test'])('%s/ a link to a folder outside', async (folder) => {
    const { cwd, outside } = workspace();
    const root = project(cwd);
    renameSync(path.join(root, folder), path.join(outside, folder));
    symlinkSync(path.join(outside, folder), path.join(root, folder));
    const before = linkSafeTree(cwd);
    expect(await yoFailure(runFilter(root, { 'log-group': '/new/x' }))).toMatch(new RegExp(`^${folder}: is a symbolic link to .*outside/${folder}; ${NEVER_THROUGH}`));
    expect(linkSafeTree(cwd)).toEqual(before);
  });

  it('a link that stays inside the project (README.md -> docs/README.md) is refused too', async () => {
    const { cwd } = workspace();
    const root = project(cwd);
    mkdirSync(path.join(root, 'docs'));
    renameSync(path.join(root, 'README.md'), path.join(root, 'docs/README.md'));
    symlinkSync('docs/README.md', path.join(root, 'README.md'));
    const before = linkSafeTree(cwd);
    expect(await yoFailure(runFilter(root, { 'log-group': '/new/x' }))).toMatch(/^README\.md: is a symbolic link to docs\/README\.md;/);
    expect(linkSafeTree(cwd)).toEqual(before);
  });
});

describe('upgrade: a link on the way is refused, nothing written anywhere', { timeout: 60_000 }, () => {
  it('lib/ a link to a folder outside, with lib/my-app-stack.ts due for an update: the bin and yo log-lambda:upgrade', async () => {
    const { cwd, outside } = workspace();
    const { project: root } = olderProjectIn(cwd);
    renameSync(path.join(root, 'lib'), path.join(outside, 'lib'));
    symlinkSync(path.join(outside, 'lib'), path.join(root, 'lib'));
    const before = linkSafeTree(cwd);
    const result = createFails(['--upgrade', 'my-app', '--yes', '--skip-install'], cwd);
    expect(errorLines(result)).toEqual([
      `lib: is a symbolic link to ${path.join(outside, 'lib')}; ${NEVER_THROUGH}, inside the project or out of it, so nothing was changed (replace the link with the file or folder itself, or remove it, and run again)`,
    ]);
    expect(linkSafeTree(cwd)).toEqual(before);
    expect(await yoFailure(runUpgrade(root, { yes: true }))).toMatch(/^lib: is a symbolic link to .*outside\/lib;/);
    expect(linkSafeTree(cwd)).toEqual(before);
  });

  it.each(['src/log-lambda/handler.ts', '.log-lambda/base.json', 'package.json'])('%s a link to a file outside', async (file) => {
    const { cwd, outside } = workspace();
    const { project: root } = olderProjectIn(cwd);
    linkOut(root, file, outside);
    const before = linkSafeTree(cwd);
    const result = createFails(['--upgrade', 'my-app', '--yes', '--skip-install'], cwd);
    expect(errorLines(result)[0]).toMatch(new RegExp(`^${file.replace(/\./g, '\\.')}: is a symbolic link to .*outside/`));
    expect(linkSafeTree(cwd)).toEqual(before);
  });

  it('the project folder itself a link', () => {
    const { cwd } = workspace();
    const { project: root } = olderProjectIn(cwd);
    symlinkSync(root, path.join(cwd, 'alias'));
    const before = linkSafeTree(cwd);
    const result = createFails(['--upgrade', 'alias', '--yes', '--skip-install'], cwd);
    expect(errorLines(result)[0]).toMatch(/^directory: .*alias is a symbolic link to .*my-app; log-lambda never reads or writes through a link/);
    expect(linkSafeTree(cwd)).toEqual(before);
    expect(readFileSync(path.join(root, 'lib/my-app-stack.ts'), 'utf8')).toContain('// replaces an existing filter.');
  });
});
