/** `create-log-lambda --help`, `--version` and bad command lines: answered at once, without evaluating Yeoman. */
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { appFlags } from '@log-lambda/shared';
import { describe, expect, it } from 'vitest';
import { run } from '../support/run.js';
import { create, createBin, createFails, createPackage, errorLines, tempFolders, tree, userEnv } from '../support/create-cli.js';

const tempFolder = tempFolders('create-help');
const { version } = JSON.parse(readFileSync(path.join(createPackage, 'package.json'), 'utf8')) as { version: string };

describe('create-log-lambda --help', { timeout: 30_000 }, () => {
  it('lists every flag of the generator, with its description, and examples', () => {
    const { stdout } = create(['--help'], tempFolder());
    expect(stdout).toMatch(/^Usage: create-log-lambda \[directory\] \[flags\]/);
    for (const flag of appFlags) {
      const usage = flag.defaultOn ? `--no-${flag.flag}` : `--${flag.flag}`;
      const line = stdout.split('\n').find((l) => new RegExp(`^\\s+(-\\w, )?${usage}(?=\\s|$)`).test(l));
      expect(line, usage).toBeDefined();
      // A flag that is on by default is listed by its --no- form, with what that form does.
      expect(line).toContain(flag.defaultOn ? flag.offDescription : flag.description);
    }
    expect(stdout).toContain('-y, --yes');
    expect(stdout).toContain('--package-manager <npm|pnpm|yarn|bun>');
    const examples = stdout.slice(stdout.indexOf('Examples:')).split('\n').slice(1).filter(Boolean);
    expect(examples.length).toBeGreaterThan(1);
    for (const example of examples) expect(example).toMatch(/^\s+(npm create log-lambda@latest|pnpm create log-lambda|npx create-log-lambda) /);
    // The examples use real flags only.
    const known = new Set(appFlags.flatMap(({ flag }) => [`--${flag}`, `--no-${flag}`]));
    for (const used of examples.join(' ').match(/ --?[a-z][a-z-]*/g) ?? []) expect(known, used).toContain(used.trim());
  });

  it('shows examples that work as typed', () => {
    const { stdout } = create(['--help'], tempFolder());
    const examples = stdout.slice(stdout.indexOf('Examples:')).split('\n').slice(1).filter(Boolean);
    for (const example of examples) {
      // What the package manager runs: the bin, with the arguments after npm's `--`.
      const command = example
        .trim()
        .replace(/^npm create log-lambda@latest (\S+) -- /, 'node "$CREATE_BIN" $1 ')
        .replace(/^(pnpm create log-lambda|npx create-log-lambda) /, 'node "$CREATE_BIN" ');
      const cwd = tempFolder();
      run('sh', ['-c', `${command} --skip-install --no-git --no-interactive`], cwd, userEnv({ CREATE_BIN: createBin }));
      expect(Object.keys(tree(cwd)), example).toContainEqual(expect.stringMatching(/(^|\/)\.yo-rc\.json$/));
    }
  });

  it('answers -h the same, and creates nothing', () => {
    const folder = tempFolder();
    expect(create(['-h'], folder).stdout).toBe(create(['--help'], folder).stdout);
    expect(tree(folder)).toEqual({});
  });

  it('prints the version from package.json', () => {
    expect(create(['--version'], tempFolder()).stdout).toBe(`${version}\n`);
  });

  it('is one self-contained file: copied alone, with no package.json or node_modules near it, it answers and generates', () => {
    const alone = tempFolder();
    const bin = path.join(alone, 'create-log-lambda.js');
    copyFileSync(createBin, bin);
    expect(run(process.execPath, [bin, '--version'], alone, userEnv()).stdout).toBe(`${version}\n`);
    expect(run(process.execPath, [bin, '--help'], alone, userEnv()).stdout).toContain('--log-group');
    run(process.execPath, [bin, 'x', '--log-group', '/a', '--yes', '--skip-install', '--no-git'], alone, userEnv());
    expect(JSON.parse(readFileSync(path.join(alone, 'x/.yo-rc.json'), 'utf8'))).toHaveProperty(['generator-log-lambda', 'projectName'], 'x');
    expect(readdirSync(alone).sort()).toEqual(['create-log-lambda.js', 'x']);
  });
});

describe('a command line it cannot take', { timeout: 30_000 }, () => {
  it.each([
    [['my-app', '--log-groups', '/a'], /^--log-groups: is not a flag of create-log-lambda$/],
    [['my-app', '-x'], /^-x: is not a flag of create-log-lambda$/],
    [['my-app', '--log-group'], /^--log-group: needs a value$/],
    [['my-app', '--log-group', '/a', '--yes=no'], /^--yes: takes no value$/],
    [['my-app', 'other', '--log-group', '/a'], /^"other": is one argument too many/],
    [['my-app', '--log-group', '/a', '--filter-pattern', '-DEBUG'], /^--filter-pattern: needs a value \(.*--filter-pattern=-DEBUG\)$/],
  ])('%j: one line naming it, a hint to --help, exit 1, nothing created', (args, message) => {
    const folder = tempFolder();
    const result = createFails(args, folder);
    expect(result.status).toBe(1);
    expect(errorLines(result)).toEqual([expect.stringMatching(message), 'Run create-log-lambda --help to see every flag, with examples.']);
    expect(result.stdout).toBe('');
    expect(tree(folder)).toEqual({});
  });
});
