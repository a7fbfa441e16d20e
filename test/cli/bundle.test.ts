/**
 * create-log-lambda ships as one self-contained file (packages/create-log-lambda/build.mjs):
 * Yeoman, the `app` generator and the files projects are made from are inside it, and the code
 * paths it never takes are left out by construction.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundle, bundledPackages, leftOut, neverBundled } from '../../packages/create-log-lambda/build.mjs';
import { patches } from '../../packages/create-log-lambda/bundle/patches.mjs';
import { create, createPackage, tempFolders, tree } from '../support/create-cli.js';
import { runApp } from '../support/generators.js';

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

  it('carries Yeoman and the generator, and depends on nothing at run time', () => {
    expect(packages).toEqual(expect.arrayContaining(['yeoman-environment', 'yeoman-generator', 'mem-fs', 'mem-fs-editor', 'ejs', 'inquirer']));
    const manifest = JSON.parse(readFileSync(path.join(createPackage, 'package.json'), 'utf8')) as Record<string, unknown>;
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies']) expect(manifest).not.toHaveProperty(field);
    expect(manifest['files']).toEqual(['dist']);
  });

  it("leaves out installing generators from a registry (npm's arborist, pacote) and the other paths it never takes", () => {
    for (const name of neverBundled) expect(packages, name).not.toContain(name);
    // Each left-out package is replaced by its stub, which throws if it is ever called.
    const inputs = Object.keys(metafile.inputs);
    for (const stub of Object.values(leftOut)) expect(inputs).toContainEqual(expect.stringMatching(new RegExp(`bundle/left-out/${stub}$`)));
  });

  it('has no library read its package.json from beside the bundle (the copy run alone, in help.test.ts, proves it)', () => {
    const patched = patches.flatMap(({ package: name, edits }) => edits.filter(([from]) => from.includes('package.json')).map(() => name));
    expect(patched.sort()).toEqual(['yeoman-environment', 'yeoman-environment', 'yeoman-generator']);
    expect(/["']\.\.\/package\.json["']/.test(code), 'a read of ../package.json').toBe(false);
  });

  it('generates the very project `yo log-lambda` generates', async () => {
    const args = ['my-app', '--log-group', '/aws/lambda/versions', '--filter-pattern', '{ $.level = "ERROR" }', '--create-log-group'];
    const cwd = tempFolder();
    create([...args, '--yes', '--skip-install', '--no-git'], cwd);
    const yo = await runApp({ 'log-group': '/aws/lambda/versions', 'filter-pattern': '{ $.level = "ERROR" }', 'create-log-group': true });
    expect(tree(path.join(cwd, 'my-app'))).toEqual(tree(path.join(yo.cwd, 'my-app')));
  });
});
