/** The one write rule: no read, write or removal under a project root ever goes through a link. */
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linkOnTheWay, readContained, refuseLinks, removeContained, writeContained } from '../src/contained.js';

let base: string;
let root: string;
let outside: string;
beforeEach(() => {
  base = mkdtempSync(path.join(tmpdir(), 'contained-'));
  root = path.join(base, 'project');
  outside = path.join(base, 'outside');
  mkdirSync(path.join(root, 'lib'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(path.join(outside, 'a.ts'), 'outside');
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

describe('linkOnTheWay', () => {
  it('finds a link at the root, on a folder on the way, or at the file; none where there is none', () => {
    expect(linkOnTheWay(root, 'lib/a.ts')).toBeUndefined();
    expect(linkOnTheWay(root, 'missing/deeper/a.ts')).toBeUndefined();
    symlinkSync(outside, path.join(root, 'out'));
    expect(linkOnTheWay(root, 'out/a.ts')).toBe(path.join(root, 'out'));
    symlinkSync(path.join(outside, 'a.ts'), path.join(root, 'lib/a.ts'));
    expect(linkOnTheWay(root, path.join(root, 'lib/a.ts'))).toBe(path.join(root, 'lib/a.ts'));
    symlinkSync(root, path.join(base, 'alias'));
    expect(linkOnTheWay(path.join(base, 'alias'), 'lib')).toBe(path.join(base, 'alias'));
  });

  it('refuses a path that leaves the root', () => {
    expect(() => linkOnTheWay(root, '../outside/a.ts')).toThrow(/^\.\.\/outside\/a\.ts: is outside the project folder .*project; log-lambda writes only inside it/);
    expect(() => refuseLinks(root, [path.join(outside, 'a.ts')])).toThrow(/is outside the project folder/);
  });
});

describe('readContained', () => {
  it('reads a file, undefined for a missing one or a folder, refuses a link', () => {
    writeFileSync(path.join(root, 'lib/b.ts'), 'mine');
    expect(readContained(root, 'lib/b.ts')?.toString()).toBe('mine');
    expect(readContained(root, 'lib/missing.ts')).toBeUndefined();
    expect(readContained(root, 'lib')).toBeUndefined();
    symlinkSync(path.join(outside, 'a.ts'), path.join(root, 'lib/a.ts'));
    expect(() => readContained(root, 'lib/a.ts')).toThrow(/^lib\/a\.ts: is a symbolic link to .*outside\/a\.ts; log-lambda never reads or writes through a link/);
  });
});

describe('writeContained', () => {
  it('creates the folders on the way and writes the file with its mode, leaving no temporary file', () => {
    writeContained(root, 'test/fixtures/lines.json', Buffer.from('{}'), 0o600);
    expect(readFileSync(path.join(root, 'test/fixtures/lines.json'), 'utf8')).toBe('{}');
    expect(statSync(path.join(root, 'test/fixtures/lines.json')).mode & 0o777).toBe(0o600);
    expect(readdirSync(path.join(root, 'test/fixtures'))).toEqual(['lines.json']);
  });

  it('never writes through a linked folder on the way', () => {
    symlinkSync(outside, path.join(root, 'lib/out'));
    expect(() => writeContained(root, 'lib/out/a.ts', Buffer.from('generated'))).toThrow(/^lib\/out: is a symbolic link/);
    expect(readFileSync(path.join(outside, 'a.ts'), 'utf8')).toBe('outside');
    expect(readdirSync(outside)).toEqual(['a.ts']);
  });

  it('replaces a link standing at the file itself, never what it points to', () => {
    symlinkSync(path.join(outside, 'a.ts'), path.join(root, 'lib/a.ts'));
    writeContained(root, 'lib/a.ts', Buffer.from('restored'));
    expect(lstatSync(path.join(root, 'lib/a.ts')).isFile()).toBe(true);
    expect(readFileSync(path.join(root, 'lib/a.ts'), 'utf8')).toBe('restored');
    expect(readFileSync(path.join(outside, 'a.ts'), 'utf8')).toBe('outside');
  });

  it('replaces a folder standing where the file goes', () => {
    mkdirSync(path.join(root, 'lib/a.ts/inner'), { recursive: true });
    writeContained(root, 'lib/a.ts', Buffer.from('file'));
    expect(readFileSync(path.join(root, 'lib/a.ts'), 'utf8')).toBe('file');
  });
});

describe('removeContained', () => {
  it('removes a link itself, never what it points to; refuses a linked folder on the way', () => {
    symlinkSync(outside, path.join(root, 'lib/out'));
    expect(() => removeContained(root, 'lib/out/a.ts')).toThrow(/^lib\/out: is a symbolic link/);
    removeContained(root, 'lib/out');
    expect(readdirSync(path.join(root, 'lib'))).toEqual([]);
    expect(readFileSync(path.join(outside, 'a.ts'), 'utf8')).toBe('outside');
  });
});
