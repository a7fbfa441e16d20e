import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { result } from 'yeoman-test';
import { runApp, yoFailure } from './support/generators.js';
import { isManagedFile, isShippedModule, managedHeader, shippedModuleHeader, USER_FILES } from '@log-lambda/shared';
import { diskSnapshot } from './support/disk-snapshot.js';
import { runProjectTests } from './support/project-tests.js';
import { subscriptionsIn } from './support/project.js';

const packageVersion = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Modules shipped from packages/shared: tested there, and below for being copied unchanged. */
const SHIPPED = /[/\\]local[/\\]log-lambda[/\\](delivery|lambda-console|filter-pattern)\.ts$/;

/** The base record holds a copy of the other files: tested below for being exactly that. */
const BASE_RECORD = /[/\\]\.log-lambda[/\\]base\.json$/;

/** The generated files (not the templates Yeoman read, nor shipped modules), or only those matching `only`. */
function snapshot(only: RegExp = /./) {
  return diskSnapshot(result.cwd, result.cwd, (file) => only.test(file) && !SHIPPED.test(file) && !BASE_RECORD.test(file));
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
    // Quoted as Prettier quotes them: single quotes, there being no single quote inside.
    expect(source).toContain(`filterPattern: '"\`\${x}\` */ Größe"',`);
    expect(source).toContain(`name: 'quotes "and" \${stuff}',`);
  });
});

describe('yo log-lambda: by prefix, or the whole account', () => {
  it("--account-policy: one account-level policy, with excludedLogGroups ready in cdk.json's context", async () => {
    await runApp({ 'account-policy': true, 'filter-pattern': 'ERROR' });
    expect(snapshot(/subscriptions\.ts|README|\.yo-rc/)).toMatchSnapshot();
    expect(subscriptionsIn('my-app')).toEqual([{ name: 'my-app-account', accountPolicy: true, filterPattern: 'ERROR' }]);
    const { context } = JSON.parse(readFileSync('my-app/cdk.json', 'utf8')) as { context: Record<string, unknown> };
    expect(context).toMatchObject({ excludedLogGroups: [] });
    expect(context).not.toHaveProperty('maxFiltersPerLogGroup');
  });

  it.each([
    ['--log-group-prefix', { 'log-group-prefix': '/aws/lambda/' }],
    ['--log-group ending in *', { 'log-group': '/aws/lambda/*' }],
  ])('%s: every log group under the prefix, now and later', async (_how, flags) => {
    await runApp({ ...flags, 'filter-pattern': 'ERROR' });
    expect(subscriptionsIn('my-app')).toEqual([{ name: 'my-app-aws-lambda', logGroupNamePrefix: '/aws/lambda/', filterPattern: 'ERROR' }]);
  });

  it('--log-group-prefix: the entry, the README and the sample lines', async () => {
    await runApp({ 'log-group-prefix': '/app/', 'filter-pattern': 'ERROR' });
    expect(snapshot(/subscriptions\.ts|README|\.yo-rc|log-lines/)).toMatchSnapshot();
  });

  it.each([
    [{ 'account-policy': true, 'log-group': '/a' }, /^--log-group: does not apply here: the account policy covers every log group already/],
    [{ 'log-group-prefix': '/a/', 'log-group': '/a' }, /^--log-group: does not apply here: it goes with a log group or a prefix, not both/],
    [{ 'log-group-prefix': '/a/', 'create-log-group': true }, /^--create-log-group: does not apply here: only a log group subscribed by name/],
    [{ 'log-group-prefix': '/a/*' }, /^--log-group-prefix: "\/a\/\*" ends with "\*"; leave it out/],
    [{ 'log-group-prefix': '/a b' }, /^--log-group-prefix: "\/a b" contains a space; a prefix may only use/],
  ])('refuses %j with one line naming the flag, and writes nothing', async (flags, message) => {
    const run = runApp(flags);
    expect(await yoFailure(run)).toMatch(message);
    expect(existsSync(path.join(run.targetDirectory ?? '.', 'my-app'))).toBe(false);
  });
});

/** Every file under `folder`, as `/`-separated paths relative to it. */
function filesIn(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

describe('yo log-lambda: a project holds the features its subscriptions need', () => {
  const named = ['lib/log-lambda/named-subscriptions.ts', 'test/log-lambda/named-subscriptions.test.ts'];
  const prefix = ['lib/log-lambda/prefix-subscriber.ts', 'src/log-lambda/subscriber.ts', 'test/log-lambda/prefix-subscriber.test.ts', 'test/log-lambda/subscriber.test.ts'];
  const account = ['lib/log-lambda/account-policy.ts', 'test/log-lambda/account-policy.test.ts'];

  it.each([
    [
      '--log-group',
      { 'log-group': '/app/api' },
      named,
      [...prefix, ...account],
      /PrefixSubscription|PrefixSubscriber|AccountSubscription|CfnAccountPolicy|client-cloudwatch-logs|client-cloudformation/,
    ],
    ['--log-group-prefix', { 'log-group-prefix': '/app/' }, prefix, [...named, ...account], /NamedSubscription|AccountSubscription|CfnAccountPolicy|SubscriptionFilter\(/],
    [
      '--account-policy',
      { 'account-policy': true },
      account,
      [...named, ...prefix],
      /NamedSubscription|PrefixSubscription|PrefixSubscriber|client-cloudwatch-logs|client-cloudformation/,
    ],
  ])('%s: its feature, and no code or SDK client of the others', async (_flag, flags, present, absent, othersCode) => {
    await runApp(flags);
    const files = filesIn('my-app');
    expect(files).toEqual(expect.arrayContaining(present));
    for (const file of absent) expect(files).not.toContain(file);
    for (const file of files.filter((f) => /^(lib|src|local|test)\//.test(f) && !SHIPPED.test(`/${f}`) && f !== 'lib/subscriptions.ts')) {
      expect(readFileSync(path.join('my-app', file), 'utf8'), file).not.toMatch(othersCode);
    }
    const { devDependencies } = JSON.parse(readFileSync('my-app/package.json', 'utf8')) as { devDependencies: Record<string, string> };
    expect(Object.keys(devDependencies).filter((name) => name.startsWith('@aws-sdk/'))).toEqual(
      present === prefix
        ? ['@aws-sdk/client-cloudformation', '@aws-sdk/client-cloudwatch-logs', '@aws-sdk/client-lambda', '@aws-sdk/client-sqs']
        : ['@aws-sdk/client-lambda', '@aws-sdk/client-sqs'],
    );
  });

  it("keeps the user's files apart: written once, without a header; every managed file that can say so starts with the header", async () => {
    await runApp({ 'log-group': '/app/api' });
    const files = filesIn('my-app');
    expect(files).toEqual(expect.arrayContaining([...USER_FILES]));
    for (const file of files.filter((f) => !SHIPPED.test(`/${f}`) && !f.startsWith('.log-lambda/'))) {
      const contents = readFileSync(path.join('my-app', file), 'utf8');
      const header = managedHeader(file);
      if (header === undefined) expect(isManagedFile(contents), file).toBe(false);
      else expect(contents.startsWith(header), file).toBe(true);
    }
    expect(readFileSync('my-app/src/process.ts', 'utf8')).toMatch(/^\/\/ Yours: [^]*? log-lambda wrote this file once,\n\/\/ when it made the project, and never writes it again/);
    expect(readFileSync('my-app/src/log-lambda/handler.ts', 'utf8')).toContain("import * as yours from '../process.js';");
  });
});

describe('yo log-lambda (behaviour)', () => {
  it("names files after the project, marks it in .yo-rc.json and keeps its settings in cdk.json's context", async () => {
    await runApp({ 'log-group': '/aws/lambda/versions' }, ['Shop Orders']);
    result.assertFile(['Shop Orders/bin/shop-orders.ts', 'Shop Orders/lib/shop-orders-stack.ts', 'Shop Orders/.gitignore']);
    result.assertNoFile(['Shop Orders/_gitignore']);
    // The project and the version that made it; the subscriptions live in lib/subscriptions.ts alone.
    expect(JSON.parse(readFileSync('Shop Orders/.yo-rc.json', 'utf8'))).toEqual({
      'generator-log-lambda': { projectName: 'shop-orders', generatorVersion: packageVersion },
    });
    const { context } = JSON.parse(readFileSync('Shop Orders/cdk.json', 'utf8')) as { context: Record<string, unknown> };
    expect(Object.keys(context)[0]).toBe('maxFiltersPerLogGroup'); // the settings, then the feature flags
    expect(context['maxFiltersPerLogGroup']).toBe(2);
    expect(context).not.toHaveProperty('excludedLogGroups');
    expect(subscriptionsIn('Shop Orders')).toEqual([{ name: 'shop-orders-aws-lambda-versions', logGroupName: '/aws/lambda/versions', filterPattern: '', createLogGroup: false }]);
  });

  it("--alarm-email: kept in cdk.json's context, where the stack reads it", async () => {
    await runApp({ 'log-group': '/aws/lambda/versions', 'alarm-email': 'ops@example.com' });
    expect(JSON.parse(readFileSync('my-app/.yo-rc.json', 'utf8'))['generator-log-lambda']).not.toHaveProperty('alarmEmail');
    const { context } = JSON.parse(readFileSync('my-app/cdk.json', 'utf8')) as { context: Record<string, unknown> };
    expect(context['alarmEmail']).toBe('ops@example.com');
    expect(Object.keys(context).length).toBeGreaterThan(1); // the feature flags stay
    expect(readFileSync('my-app/README.md', 'utf8')).toContain('emailed to `ops@example.com`');
  });

  it('ships the matcher (one module), delivery and Lambda console modules in local/log-lambda/, unchanged but for a header', async () => {
    await runApp({ 'log-group': '/aws/lambda/versions' });
    const shared = fileURLToPath(new URL('../packages/shared/src/', import.meta.url));
    expect(
      readdirSync('my-app/local/log-lambda')
        .filter((file) => SHIPPED.test(`/local/log-lambda/${file}`))
        .sort(),
    ).toEqual(['delivery.ts', 'filter-pattern.ts', 'lambda-console.ts']);
    for (const file of ['delivery.ts', 'lambda-console.ts']) {
      const [header, ...rest] = readFileSync(path.join('my-app/local/log-lambda', file), 'utf8').split('\n');
      expect(`${header}\n`).toBe(shippedModuleHeader(file));
      expect(rest.join('\n')).toBe(readFileSync(path.join(shared, file), 'utf8'));
    }
    expect(isShippedModule(readFileSync('my-app/local/log-lambda/filter-pattern.ts'))).toBe(true);
  });

  it('records in .log-lambda/base.json exactly what it generated (but the shipped modules), for upgrades', async () => {
    await runApp({ 'log-group': '/aws/lambda/versions' });
    const record = JSON.parse(readFileSync('my-app/.log-lambda/base.json', 'utf8')) as { generatorVersion: string; files: Record<string, string> };
    expect(record.generatorVersion).toBe(packageVersion);
    const generated = readdirSync('my-app', { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative('my-app', path.join(entry.parentPath, entry.name)))
      .filter((file) => !SHIPPED.test(`/${file}`) && file !== '.yo-rc.json' && file !== '.log-lambda/base.json')
      .sort();
    expect(Object.keys(record.files)).toEqual(generated);
    for (const file of generated) expect(record.files[file], file).toBe(readFileSync(path.join('my-app', file), 'utf8'));
  });

  it('pins every dependency of the generated project to an exact version', async () => {
    await runApp({ 'log-group': '/aws/lambda/versions' });
    const pkg = JSON.parse(readFileSync('my-app/package.json', 'utf8')) as Record<string, Record<string, string>>;
    const versions = { ...pkg['dependencies'], ...pkg['devDependencies'] };
    expect(Object.keys(versions)).toEqual(expect.arrayContaining(['aws-cdk-lib', 'constructs', 'aws-cdk', 'esbuild', 'tsx', 'cdk-nag', '@types/aws-lambda']));
    for (const version of Object.values(versions)) expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('answers prompts when interactive', async () => {
    await runApp({ yes: false, interactive: true }, ['prompted']).withAnswers({ logGroupName: '/app/worker', filterPattern: 'ERROR', createLogGroup: true });
    expect(subscriptionsIn('prompted')).toEqual([{ name: 'prompted-app-worker', logGroupName: '/app/worker', filterPattern: 'ERROR', createLogGroup: true }]);
  });

  it('refuses a bad answer in one line of its own, exit code 1, nothing written (each refusal is tested once, at the engine: test/engine/)', async () => {
    const run = runApp({});
    expect(await yoFailure(run)).toMatch(/^--log-group: is required/);
    expect(existsSync('my-app')).toBe(false);
  });
});

describe("the generated project's filter tests, run (test/log-lambda/filters.test.ts)", () => {
  const statuses = (outcome: ReturnType<typeof runProjectTests>) => Object.fromEntries(outcome.results.map((result) => [result.name, result.status]));

  it('pass with U+2028 and U+2029 in the filter name and pattern, a JSON pattern matching JSON lines', async () => {
    const name = 'line\u2028separator\u2029name';
    await runApp({ 'log-group': '/aws/lambda/versions', 'filter-name': name, 'filter-pattern': '{ $.message = "line\u2028break" }' });
    expect(snapshot(/log-lines|subscriptions/)).toMatchSnapshot();
    const outcome = runProjectTests(path.resolve('my-app'), ['test/log-lambda/filters.test.ts']);
    expect(outcome.fileErrors).toEqual([]);
    expect(
      outcome.results.filter((result) => result.status !== 'passed'),
      outcome.output,
    ).toEqual([]);
    expect(outcome.results.map((result) => result.name)).toContain(`subscription filter ${name} > forwards each of its sample lines`);
  });

  it('fail, with the hint, for a subscription without sample lines, skipping the tests that need some', async () => {
    // As a user leaves it who empties the list, or adds a subscription to lib/subscriptions.ts by hand.
    await runApp({ 'log-group': '/aws/lambda/versions', 'filter-pattern': '{ $.level = "ERROR" }' });
    const filter = 'my-app-aws-lambda-versions';
    for (const fixture of [{ [filter]: { forwarded: [], dropped: [] } }, {}]) {
      writeFileSync('my-app/test/fixtures/log-lines.json', JSON.stringify(fixture));
      const outcome = runProjectTests(path.resolve('my-app'), ['test/log-lambda/filters.test.ts']);
      expect(statuses(outcome), outcome.output).toEqual({
        [`subscription filter ${filter} > has sample log lines in test/fixtures/log-lines.json`]: 'failed',
        [`subscription filter ${filter} > forwards each of its sample lines`]: 'skipped',
        [`subscription filter ${filter} > drops the lines it must not forward`]: 'passed',
        [`subscription filter ${filter} > delivers what it forwards to the handler, which gives it to processBatch intact`]: 'skipped',
        'npm run invoke (local/log-lambda/invoke.ts) > sends what the filters forward to the handler and summarises it': 'skipped',
        'npm run invoke (local/log-lambda/invoke.ts) > reports a handler error with its message, and exit code 1': 'skipped',
        'npm run invoke (local/log-lambda/invoke.ts) > gives each log stream its own payload, as CloudWatch Logs does': 'skipped',
        'names the flag when npm run invoke selects no subscription': 'passed',
      });
      const [failure] = outcome.results.find((result) => result.status === 'failed')!.failureMessages;
      expect(failure).toMatch(new RegExp(`^AssertionError \\[ERR_ASSERTION\\]: add log lines that ${filter} must forward to test/fixtures/log-lines\\.json\\n`));
    }
  });

  it('name the entry of test/fixtures/log-lines.json that is not a list of lines', async () => {
    await runApp({ 'log-group': '/aws/lambda/versions' });
    writeFileSync('my-app/test/fixtures/log-lines.json', JSON.stringify({ 'my-app-aws-lambda-versions': { forwarded: 'one line' } }));
    const outcome = runProjectTests(path.resolve('my-app'), ['test/log-lambda/filters.test.ts']);
    expect(outcome.fileErrors.join('\n')).toContain('test/fixtures/log-lines.json: "my-app-aws-lambda-versions".forwarded must be a list of log lines (strings)');
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
      rmSync(bin, { recursive: true, force: true });
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
      expect(await yoFailure(runApp({ 'log-group': '/g', 'skip-install': false, 'package-manager': 'npm' }))).toMatch(
        /^npm install failed after [\d.]+s \(exit 1\); the project is in .*my-app: finish with `cd .*my-app` and `npm install`$/,
      );
      expect(existsSync('my-app/package.json')).toBe(true);
    } finally {
      restore();
    }
  });

  it('refuses an unknown --package-manager before writing', async () => {
    expect(await yoFailure(runApp({ 'log-group': '/g', 'package-manager': 'pip' }))).toMatch(/^--package-manager: "pip" is not one of npm, pnpm, yarn, bun/);
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

describe('yo log-lambda in a folder that holds files (--force, --overwrite)', () => {
  /** A folder of the user's with files the project would replace, one it would not, and one identical to what it writes. */
  function userFiles(dir: string): void {
    const folder = path.join(dir, 'my-app');
    mkdirSync(path.join(folder, 'src'), { recursive: true });
    writeFileSync(path.join(folder, 'README.md'), '# my own readme\n');
    writeFileSync(path.join(folder, 'package.json'), '{ "name": "mine" }\n');
    writeFileSync(path.join(folder, 'src/process.ts'), 'export const mine = 1;\n');
    writeFileSync(path.join(folder, 'notes.txt'), 'my notes\n');
    writeFileSync(path.join(folder, '.gitignore'), `${managedHeader('.gitignore')}${readFileSync(new URL('../templates/core/_gitignore', import.meta.url), 'utf8')}`);
  }

  it.each([
    ['skip', '# my own readme\n'],
    ['write', undefined],
  ])("with a terminal: asks for each file (Yeoman's conflicter) and answers %s", async (action, readme) => {
    await runApp({ 'log-group': '/g', force: true, yes: false, interactive: true }).doInDir(userFiles).withAnswers({ filterPattern: '', action });
    if (readme) expect(readFileSync('my-app/README.md', 'utf8')).toBe(readme);
    else expect(readFileSync('my-app/README.md', 'utf8')).toContain('# my-app');
    expect(readFileSync('my-app/notes.txt', 'utf8')).toBe('my notes\n');
  });
});
