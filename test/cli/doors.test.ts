/**
 * The two doors make the same bytes: a project created by npm create log-lambda and by yo
 * log-lambda, then a filter added to each (the first prefix, which brings the subscriber in)
 * through `--add-filter` and through `yo log-lambda:filter`, are the same trees, file by file.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { create, tempFolders, tree } from '../support/create-cli.js';
import { runApp, runFilter } from '../support/generators.js';
import { linkProjectTypeScript } from '../support/project.js';

const tempFolder = tempFolders('create-doors');

describe('npm create log-lambda and yo log-lambda', { timeout: 60_000 }, () => {
  it('create the same project, and add the same filter to it', async () => {
    const args = ['my-app', '--log-group', '/aws/lambda/versions', '--filter-pattern', '{ $.level = "ERROR" }', '--create-log-group'];
    const cwd = tempFolder();
    create([...args, '--yes', '--skip-install', '--no-git'], cwd);
    const bin = path.join(cwd, 'my-app');
    const yo = path.join((await runApp({ 'log-group': '/aws/lambda/versions', 'filter-pattern': '{ $.level = "ERROR" }', 'create-log-group': true })).cwd, 'my-app');
    expect(tree(bin)).toEqual(tree(yo));

    linkProjectTypeScript(bin); // the bin reads lib/subscriptions.ts with the project's own TypeScript
    create(['--add-filter', '--log-group-prefix', '/aws/lambda/', '--filter-pattern', 'ERROR', '--yes'], bin);
    rmSync(path.join(bin, 'node_modules'), { recursive: true });
    await runFilter(yo, { 'log-group-prefix': '/aws/lambda/', 'filter-pattern': 'ERROR' });
    expect(tree(bin)).toEqual(tree(yo));
  });
});
