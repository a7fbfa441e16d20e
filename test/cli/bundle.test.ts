/**
 * create-log-lambda ships as one self-contained file (packages/create-log-lambda/build.mjs): the
 * engine, the renderer and the files projects are made from are inside it; Yeoman is not (the
 * yo door's), and no third-party code in it is patched.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundle, bundledPackages, COPYRIGHT_LINE, neverBundled, thirdPartyLicenses } from '../../packages/create-log-lambda/build.mjs';
import { createPackage, tempFolders } from '../support/create-cli.js';

const tempFolder = tempFolders('create-bundle');

describe('the create-log-lambda bundle', { timeout: 60_000 }, () => {
  let code: string;
  let metafile: Metafile;
  let packages: string[];

  beforeAll(async () => {
    const built = await bundle();
    code = new TextDecoder().decode(built.code);
    metafile = built.metafile;
    packages = bundledPackages(metafile).map(({ name }) => name);
  });

  it('carries the engine and the renderer, and depends on nothing at run time', () => {
    expect(packages).toContain('ejs');
    const inputs = Object.keys(metafile.inputs);
    expect(inputs).toContainEqual(expect.stringMatching(/packages\/shared\/src\/engine\/create\.ts$/));
    expect(inputs).toContainEqual(expect.stringMatching(/generators\/common\/render\.ts$/));
    const manifest = JSON.parse(readFileSync(path.join(createPackage, 'package.json'), 'utf8')) as Record<string, unknown>;
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies']) expect(manifest).not.toHaveProperty(field);
    expect(manifest['files']).toEqual(['dist']);
  });

  it("carries no Yeoman, no prompt library of Yeoman's and no TypeScript, and no stub or patch of any package", () => {
    for (const name of neverBundled) expect(packages, name).not.toContain(name);
    const inputs = Object.keys(metafile.inputs);
    expect(inputs.filter((input) => /left-out|patches/.test(input))).toEqual([]);
    expect(readdirSync(createPackage)).not.toContain('bundle');
  });

  it('has no library read its package.json from beside the bundle (the copy run alone, in help.test.ts, proves it)', () => {
    expect(/["']\.\.\/package\.json["']/.test(code), 'a read of ../package.json').toBe(false);
  });

  it('names a copyright holder for every bundled package in THIRD-PARTY-LICENSES.md, and says where a line not from its license file came from', () => {
    const text = thirdPartyLicenses(metafile);
    const headings = bundledPackages(metafile).map(({ name, version }) => `## ${name}@${version} (`);
    const starts = headings.map((heading) => text.indexOf(heading));
    expect(
      starts.every((start, i) => start > (starts[i - 1] ?? -1)),
      'one section per package, in order',
    ).toBe(true);
    const sections = Object.fromEntries(headings.map((heading, i) => [heading.slice(3, -2), text.slice(starts[i], starts[i + 1])]));
    const missing = Object.entries(sections)
      .filter(([, section]) => !COPYRIGHT_LINE.test(section))
      .map(([name]) => name);
    expect(missing, 'sections without a copyright line').toEqual([]);
    expect(text).not.toContain('(undefined)');
    // A package that ships no license file (mem-fs, a dependency of the yo door): the holder is its package.json author, and the section says so.
    const fallback = thirdPartyLicenses({ inputs: { 'node_modules/mem-fs/dist/index.js': {} } } as unknown as Metafile);
    expect(fallback).toMatch(/\nCopyright \(c\) \S[^\n]* — from the package's author field; the package ships no license file\n/);
    expect(fallback).toContain('Permission is hereby granted, free of charge');
  });

  it('takes only real copyright notices as copyright lines', () => {
    for (const notice of [
      'Copyright (c) 2015 Jane Doe',
      'Copyright 2010 LearnBoost',
      'Copyright Julian Gruber <julian@juliangruber.com>',
      '(c) 2007-2009 Steven Levithan',
      'Copyright © 2020 A',
    ]) {
      expect(COPYRIGHT_LINE.test(notice), notice).toBe(true);
    }
    for (const boilerplate of [
      'The above copyright notice and this permission notice shall be included',
      'COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM',
      'Copyright [yyyy] [name of copyright owner]',
      '## Copyright\n\nEach contributor licenses you',
    ]) {
      expect(COPYRIGHT_LINE.test(boilerplate), boilerplate).toBe(false);
    }
  });
});

describe('the published packages', { timeout: 60_000 }, () => {
  const repository = fileURLToPath(new URL('../../', import.meta.url));

  /** What `pnpm pack` puts in the tarball of the package in `folder`, and its LICENSE. */
  function packed(folder: string): { entries: string[]; license: string } {
    const destination = tempFolder();
    const pack = spawnSync('pnpm', ['pack', '--pack-destination', destination], { cwd: folder, encoding: 'utf8' });
    expect(pack.status, pack.stderr).toBe(0);
    const [tarball, ...others] = readdirSync(destination).filter((file) => file.endsWith('.tgz'));
    expect(others).toEqual([]);
    const list = spawnSync('tar', ['tzf', path.join(destination, tarball!)], { encoding: 'utf8' });
    expect(list.status, list.stderr).toBe(0);
    const license = spawnSync('tar', ['xzOf', path.join(destination, tarball!), 'package/LICENSE'], { encoding: 'utf8' });
    return { entries: list.stdout.split('\n').filter(Boolean), license: license.stdout };
  }

  for (const [name, folder] of [
    ['generator-log-lambda', repository],
    ['create-log-lambda', createPackage],
  ] as const) {
    it(`${name} carries its MIT LICENSE, as its package.json says`, () => {
      const { entries, license } = packed(folder);
      expect(entries).toContain('package/LICENSE');
      expect(license).toMatch(/^MIT License\n\nCopyright \(c\) 2026 log-lambda contributors\n\nPermission is hereby granted, free of charge/);
      expect((JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as { license: string }).license).toBe('MIT');
      if (name === 'create-log-lambda') expect(entries).toContain('package/dist/THIRD-PARTY-LICENSES.md');
    });
  }
});
