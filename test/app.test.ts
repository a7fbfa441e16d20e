import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { result } from 'yeoman-test';
import { runApp } from './support/generators.js';

/** The generated files (not the templates Yeoman read), optionally only those matching `only`. */
function snapshot(only: RegExp = /./) {
  return result.getSnapshot((file) => file.contents !== null && file.path.startsWith(result.cwd + path.sep) && only.test(file.path));
}

describe('yo log-lambda (snapshots)', () => {
  it("the seed's example: /aws/lambda/versions, every event", async () => {
    await runApp({ 'log-group': '/aws/lambda/versions' });
    expect(snapshot()).toMatchSnapshot();
  });

  it('--create-log-group: the stack creates the log group', async () => {
    await runApp({ 'log-group': '/app/api', 'filter-pattern': '{ $.level = "ERROR" }', 'create-log-group': true });
    expect(snapshot(/subscriptions|README|\.yo-rc/)).toMatchSnapshot();
  });

  it('a tricky pattern reaches the code as an exact string literal', async () => {
    const pattern = '"`${x}` */ Größe"';
    await runApp({ 'log-group': '/aws/lambda/versions', 'filter-pattern': pattern, 'filter-name': 'quotes "and" ${stuff}' });
    expect(snapshot(/subscriptions|README|\.yo-rc/)).toMatchSnapshot();
    const source = readFileSync('my-app/lib/subscriptions.ts', 'utf8');
    expect(source).toContain(`filterPattern: ${JSON.stringify(pattern)},`);
    expect(source).toContain('name: "quotes \\"and\\" ${stuff}",');
  });
});

describe('yo log-lambda (behaviour)', () => {
  it('names files after the project and stores the answers in .yo-rc.json', async () => {
    await runApp({ 'log-group': '/aws/lambda/versions' }, ['Shop Orders']);
    result.assertFile(['Shop Orders/bin/shop-orders.ts', 'Shop Orders/lib/shop-orders-stack.ts', 'Shop Orders/.gitignore']);
    result.assertNoFile(['Shop Orders/_gitignore']);
    expect(JSON.parse(readFileSync('Shop Orders/.yo-rc.json', 'utf8'))).toEqual({
      'generator-log-lambda': {
        projectName: 'shop-orders',
        maxFiltersPerLogGroup: 2,
        subscriptions: [{ name: 'shop-orders-aws-lambda-versions', logGroupName: '/aws/lambda/versions', filterPattern: '', createLogGroup: false }],
      },
    });
  });

  it('pins every dependency of the generated project to an exact version', async () => {
    await runApp({ 'log-group': '/aws/lambda/versions' });
    const pkg = JSON.parse(readFileSync('my-app/package.json', 'utf8')) as Record<string, Record<string, string>>;
    const versions = { ...pkg['dependencies'], ...pkg['devDependencies'] };
    expect(Object.keys(versions)).toEqual(expect.arrayContaining(['aws-cdk-lib', 'constructs', 'aws-cdk', 'esbuild', 'vitest', 'cdk-nag', '@types/aws-lambda']));
    for (const version of Object.values(versions)) expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('answers prompts when interactive', async () => {
    await runApp({ yes: false, interactive: true }, ['prompted']).withAnswers({ logGroupName: '/app/worker', filterPattern: 'ERROR', createLogGroup: true });
    expect(JSON.parse(readFileSync('prompted/.yo-rc.json', 'utf8'))['generator-log-lambda'].subscriptions).toEqual([
      { name: 'prompted-app-worker', logGroupName: '/app/worker', filterPattern: 'ERROR', createLogGroup: true },
    ]);
  });

  it.each([
    [{}, /^--log-group: is required/],
    [{ 'log-group': '/aws/lambda/my function' }, /^--log-group: "\/aws\/lambda\/my function" contains a space/],
    [{ 'log-group': '/g', 'filter-name': 'a:b' }, /^--filter-name: "a:b" contains ":"/],
    [{ 'log-group': '/g', 'filter-pattern': 'x'.repeat(1025) }, /^--filter-pattern: .*1024/],
    [{ 'log-group': '/g', 'project-name': 'My App' }, /^--project-name: "My App" must start with a lowercase letter/],
    [{ 'log-group': '/aws/lambda/MyAppStack-echo' }, /^--log-group: .*own log group/],
  ])('refuses %j with one line naming the flag, and writes nothing', async (options, message) => {
    const run = runApp(options);
    await expect(run).rejects.toThrow(message);
    expect(existsSync(path.join(run.targetDirectory ?? '.', 'my-app'))).toBe(false);
    expect(existsSync('my-app')).toBe(false);
  });

  it('refuses a folder that is not empty, leaving it as it was', async () => {
    const run = runApp({ 'log-group': '/g' }).doInDir((dir) => {
      mkdirSync(path.join(dir, 'my-app'));
      writeFileSync(path.join(dir, 'my-app', 'notes.txt'), 'mine');
    });
    await expect(run).rejects.toThrow(/^directory: .*my-app is not empty \(choose a new folder, or pass --force/);
    expect(readFileSync('my-app/notes.txt', 'utf8')).toBe('mine');
    expect(existsSync('my-app/package.json')).toBe(false);
  });

  it('accepts a folder holding only .git', async () => {
    await runApp({ 'log-group': '/g' }).doInDir((dir) => mkdirSync(path.join(dir, 'my-app', '.git'), { recursive: true }));
    result.assertFile('my-app/package.json');
  });
});

describe('yo log-lambda (install, git, next steps)', () => {
  /** Puts a fake `npm` first on PATH for one test: it prints a line and exits with `code`. */
  function fakeNpm(code: number): () => void {
    const bin = mkdtempSync(path.join(tmpdir(), 'fake-npm-'));
    writeFileSync(path.join(bin, 'npm'), `#!/bin/sh\necho "npm ERR! fake failure in $PWD"\nexit ${code}\n`, { mode: 0o755 });
    const original = process.env['PATH'];
    process.env['PATH'] = `${bin}${path.delimiter}${original}`;
    return () => {
      process.env['PATH'] = original;
    };
  }

  it('installs with the chosen package manager, in the new folder', async () => {
    const restore = fakeNpm(0);
    try {
      await runApp({ 'log-group': '/g', 'skip-install': false, 'package-manager': 'npm' });
      result.assertFile('my-app/package.json');
    } finally {
      restore();
    }
  });

  it('keeps the project when the install fails, and says how to finish', async () => {
    const restore = fakeNpm(1);
    try {
      await expect(runApp({ 'log-group': '/g', 'skip-install': false, 'package-manager': 'npm' })).rejects.toMatchObject({
        name: 'InstallError',
        message: expect.stringMatching(/^npm install failed after [\d.]+s \(exit 1\); the project is in .*my-app: finish with `cd .*my-app && npm install`$/),
      });
      expect(existsSync('my-app/package.json')).toBe(true);
    } finally {
      restore();
    }
  });

  it('refuses an unknown --package-manager before writing', async () => {
    await expect(runApp({ 'log-group': '/g', 'package-manager': 'pip' })).rejects.toThrow(/^--package-manager: "pip" is not one of npm, pnpm, yarn, bun/);
    expect(existsSync('my-app')).toBe(false);
  });

  it('makes a first git commit', async () => {
    const identity = { GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' };
    Object.assign(process.env, identity);
    try {
      await runApp({ 'log-group': '/g', git: true });
      const log = spawnSync('git', ['log', '--format=%s', '--name-only'], { cwd: 'my-app', encoding: 'utf8' }).stdout;
      expect(log).toContain('Initial commit from log-lambda');
      expect(log).toContain('lib/subscriptions.ts');
      expect(log).toContain('.yo-rc.json');
    } finally {
      for (const key of Object.keys(identity)) delete process.env[key];
    }
  });
});
