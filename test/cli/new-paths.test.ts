/** trackNewPaths: after a failed run, exactly what the run added is removed. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { trackNewPaths } from '../../packages/create-log-lambda/src/new-paths.js';
import { tree } from '../support/create-cli.js';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));
const fresh = () => (root = mkdtempSync(path.join(tmpdir(), 'new-paths-')));
const write = (file: string, text = 'x') => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
};

describe('trackNewPaths', () => {
  it('removes the outermost folder the run created for a nested target', () => {
    fresh();
    const removeNew = trackNewPaths(path.join(root, 'a/b/c'));
    write(path.join(root, 'a/b/c/package.json'));
    expect(removeNew()).toEqual([path.join(root, 'a')]);
    expect(tree(root)).toEqual({});
  });

  it('in a folder that existed, removes only added files and folders, and keeps .git and node_modules whole', () => {
    fresh();
    write(path.join(root, 'notes.txt'), 'mine');
    write(path.join(root, 'src/index.ts'), 'mine');
    write(path.join(root, '.git/HEAD'), 'ref');
    write(path.join(root, 'node_modules/x/index.js'), 'dep');
    const before = tree(root);
    const removeNew = trackNewPaths(root);
    write(path.join(root, 'src/handler.ts'));
    write(path.join(root, 'lib/stack.ts'));
    write(path.join(root, '.git/index'));
    write(path.join(root, 'node_modules/y/index.js'));
    expect(removeNew().sort()).toEqual([path.join(root, 'lib'), path.join(root, 'src/handler.ts')]);
    expect(tree(root)).toEqual({ ...before, '.git/index': 'x', 'node_modules/y': null, 'node_modules/y/index.js': 'x' });
  });

  it('removes nothing when the target is a file, or nothing was added', () => {
    fresh();
    write(path.join(root, 'file'));
    expect(trackNewPaths(path.join(root, 'file'))()).toEqual([]);
    expect(trackNewPaths(root)()).toEqual([]);
    expect(trackNewPaths(path.join(root, 'never-made'))()).toEqual([]);
  });
});
