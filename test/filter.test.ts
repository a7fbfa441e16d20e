import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunResult } from 'yeoman-test';
import { diskChanges, diskState } from './support/disk-snapshot.js';
import { runApp, runFilter, yoFailure } from './support/generators.js';
import { subscriptionsInText as subscriptionsIn } from './support/project.js';

/** A project made by the app generator in a temporary folder, as `yo log-lambda` leaves it. */
let project: string;
let before: Map<string, string>;
beforeEach(async () => {
  const app = await runApp({ 'project-name': 'my-app', 'log-group': '/aws/lambda/versions' }, []);
  project = app.cwd;
  before = diskState(project);
});

/** What the filter generator changed on disk (but the base record, which copies the others). */
function changes(result: RunResult) {
  const changed = diskChanges(result.cwd, project, before);
  delete changed['.log-lambda/base.json'];
  return changed;
}

/** Every file of the project, to prove a refusal changed nothing. */
function contents(): Record<string, string> {
  const files = readdirSync(project, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return Object.fromEntries(
    files.map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return [path.relative(project, file), readFileSync(file, 'utf8')];
    }),
  );
}

describe('yo log-lambda:filter (snapshots of what it changes)', () => {
  it('a second filter on the same log group', async () => {
    const result = await runFilter(project, { 'log-group': '/aws/lambda/versions', 'filter-pattern': '?ERROR ?Exception' });
    expect(changes(result)).toMatchSnapshot();
  });

  it('a filter on a new log group the stack creates', async () => {
    const result = await runFilter(project, { 'log-group': '/app/api', 'filter-pattern': '{ $.level = "ERROR" }', 'create-log-group': true });
    expect(changes(result)).toMatchSnapshot();
  });

  it('a pattern with quotes', async () => {
    const result = await runFilter(project, { 'log-group': '/app/web', 'filter-pattern': '"user said \\"hi\\"" -DEBUG', 'filter-name': 'quoted "name"' });
    expect(changes(result)).toMatchSnapshot();
    expect(readFileSync(path.join(project, 'lib/subscriptions.ts'), 'utf8')).toContain(`filterPattern: '"user said \\\\"hi\\\\"" -DEBUG',`);
  });
});

describe('yo log-lambda:filter --log-group-prefix', () => {
  it('appends a prefix entry beside the named one, and redraws the README for it', async () => {
    const result = await runFilter(project, { 'log-group-prefix': '/aws/lambda/', 'filter-pattern': 'ERROR' });
    expect(changes(result)).toMatchSnapshot();
    expect(subscriptionsIn(readFileSync(path.join(project, 'lib/subscriptions.ts'), 'utf8')).at(-1)).toEqual({
      name: 'my-app-aws-lambda',
      logGroupNamePrefix: '/aws/lambda/',
      filterPattern: 'ERROR',
    });
  });

  it('brings the prefix subscriber in with the first prefix: its files, tests, pins, README section; a second prefix adds none', async () => {
    const feature = ['lib/log-lambda/prefix-subscriber.ts', 'src/log-lambda/subscriber.ts', 'test/log-lambda/prefix-subscriber.test.ts', 'test/log-lambda/subscriber.test.ts'];
    for (const file of feature) expect(existsSync(path.join(project, file)), file).toBe(false);
    await runFilter(project, { 'log-group-prefix': '/app/', 'filter-pattern': 'ERROR' });
    for (const file of feature) expect(existsSync(path.join(project, file)), file).toBe(true);
    const { devDependencies } = JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(devDependencies).toMatchObject({ '@aws-sdk/client-cloudformation': expect.any(String), '@aws-sdk/client-cloudwatch-logs': expect.any(String) });
    expect(readFileSync(path.join(project, 'README.md'), 'utf8')).toContain('### By prefix: the subscriber');
    expect(readFileSync(path.join(project, 'lib/my-app-stack.ts'), 'utf8')).toContain("import { subscribeByPrefix } from './log-lambda/prefix-subscriber.js';");
    expect(JSON.parse(readFileSync(path.join(project, 'cdk.json'), 'utf8')).context).toMatchObject({ maxFiltersPerLogGroup: 2, excludedLogGroups: [] });
    const before = contents();
    await runFilter(project, { 'log-group-prefix': '/app/jobs/', 'filter-pattern': 'ERROR' });
    expect(Object.keys(contents()).filter((file) => !(file in before))).toEqual([]);
  });

  it('refuses to add anything to a project that subscribes the whole account, changing nothing', async () => {
    const app = await runApp({ 'project-name': 'all', 'account-policy': true }, []);
    project = app.cwd;
    const before = contents();
    expect(await yoFailure(runFilter(project, { 'log-group-prefix': '/app/' }))).toMatch(
      /^--log-group-prefix: this project subscribes every log group of the account already \(account policy all-account\)/,
    );
    expect(contents()).toEqual(before);
  });
});

describe('yo log-lambda:filter (behaviour)', () => {
  it('appends to lib/subscriptions.ts and keeps earlier subscriptions as they were; .yo-rc.json and cdk.json stay as they were', async () => {
    const file = path.join(project, 'lib/subscriptions.ts');
    const before = readFileSync(file, 'utf8');
    const rcBefore = readFileSync(path.join(project, '.yo-rc.json'), 'utf8');
    const cdkBefore = readFileSync(path.join(project, 'cdk.json'), 'utf8');
    await runFilter(project, { 'log-group': '/app/api' });
    const after = readFileSync(file, 'utf8');
    expect(after.startsWith(before.slice(0, before.lastIndexOf('];')))).toBe(true);
    expect(subscriptionsIn(after)).toEqual([
      { name: 'my-app-aws-lambda-versions', logGroupName: '/aws/lambda/versions', filterPattern: '', createLogGroup: false },
      { name: 'my-app-app-api', logGroupName: '/app/api', filterPattern: '', createLogGroup: false },
    ]);
    expect(readFileSync(path.join(project, '.yo-rc.json'), 'utf8')).toBe(rcBefore);
    expect(readFileSync(path.join(project, 'cdk.json'), 'utf8')).toBe(cdkBefore);
  });

  it('edits a subscriptions.ts the user reformatted, commented, gave a hand entry and CRLF endings, changing none of their bytes', async () => {
    const file = path.join(project, 'lib/subscriptions.ts');
    const mine = [
      "import type { Subscription } from './subscription-type.js'; // moved by me",
      '',
      '/* Our log groups. */',
      'export const subscriptions: readonly Subscription[] = [',
      "\t{ name: 'my-app-aws-lambda-versions', logGroupName: '/aws/lambda/versions', filterPattern: '', createLogGroup: false },",
      '\t// added by hand, for the API:',
      "\t{ name: 'api-by-hand', logGroupName: '/app/api', filterPattern: 'ERROR', createLogGroup: false }, // keep",
      '] as const;',
      '',
    ].join('\r\n');
    writeFileSync(file, mine);
    await runFilter(project, { 'log-group': '/app/api', 'filter-pattern': '{ $.level = "ERROR" }' });
    const after = readFileSync(file, 'utf8');
    expect(after).toBe(
      mine.replace('// keep\r\n', `// keep\r\n\t{ name: 'my-app-app-api', logGroupName: '/app/api', filterPattern: '{ $.level = "ERROR" }', createLogGroup: false },\r\n`),
    );
    // README and sample lines follow the file, hand entry included.
    const readme = readFileSync(path.join(project, 'README.md'), 'utf8');
    expect(readme).toContain('`api-by-hand`');
    expect(readme).toContain('`my-app-app-api`');
  });

  it('counts hand-added entries: their names are taken and they count toward the quota', async () => {
    const file = path.join(project, 'lib/subscriptions.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace('];', "  { name: 'mine', logGroupName: '/app/api', filterPattern: '', createLogGroup: false },\n];"));
    expect(await yoFailure(runFilter(project, { 'log-group': '/app/web', 'filter-name': 'mine' }))).toMatch(/^--filter-name: a subscription filter named "mine" exists already/);
    await runFilter(project, { 'log-group': '/app/api', 'filter-pattern': 'WARN' });
    expect(await yoFailure(runFilter(project, { 'log-group': '/app/api', 'filter-pattern': 'ERROR' }))).toMatch(
      /\/app\/api has 2 subscription filters already \(mine, my-app-app-api\)/,
    );
  });

  it("reads the quota from cdk.json's context: raising it there, as the refusal advises, lets the next filter in", async () => {
    await runFilter(project, { 'log-group': '/aws/lambda/versions', 'filter-pattern': 'WARN' });
    expect(await yoFailure(runFilter(project, { 'log-group': '/aws/lambda/versions', 'filter-pattern': 'ERROR' }))).toMatch(/raise maxFiltersPerLogGroup in cdk\.json's context/);
    const cdkFile = path.join(project, 'cdk.json');
    const cdk = JSON.parse(readFileSync(cdkFile, 'utf8'));
    cdk.context.maxFiltersPerLogGroup = 3;
    writeFileSync(cdkFile, JSON.stringify(cdk, null, 2));
    await runFilter(project, { 'log-group': '/aws/lambda/versions', 'filter-pattern': 'ERROR' });
    expect(subscriptionsIn(readFileSync(path.join(project, 'lib/subscriptions.ts'), 'utf8'))).toHaveLength(3);
  });

  it('reads the quota 0.2.0 kept in .yo-rc.json, while cdk.json does not say', async () => {
    const rcFile = path.join(project, '.yo-rc.json');
    const rc = JSON.parse(readFileSync(rcFile, 'utf8'));
    rc['generator-log-lambda'].maxFiltersPerLogGroup = 1;
    writeFileSync(rcFile, JSON.stringify(rc, null, 2));
    const cdkFile = path.join(project, 'cdk.json');
    const cdk = JSON.parse(readFileSync(cdkFile, 'utf8'));
    delete cdk.context.maxFiltersPerLogGroup;
    writeFileSync(cdkFile, JSON.stringify(cdk, null, 2));
    expect(await yoFailure(runFilter(project, { 'log-group': '/aws/lambda/versions', 'filter-pattern': 'ERROR' }))).toMatch(/AWS allows 1 per log group/);
  });

  it('drops the copy of the list that 0.1.0 kept in .yo-rc.json', async () => {
    const rcFile = path.join(project, '.yo-rc.json');
    const rc = JSON.parse(readFileSync(rcFile, 'utf8'));
    rc['generator-log-lambda'].subscriptions = [{ name: 'stale', logGroupName: '/stale', filterPattern: '', createLogGroup: false }];
    writeFileSync(rcFile, JSON.stringify(rc, null, 2));
    await runFilter(project, { 'log-group': '/app/api' });
    expect(JSON.parse(readFileSync(rcFile, 'utf8'))['generator-log-lambda']).not.toHaveProperty('subscriptions');
  });

  it('warns about an entry it cannot read, and still appends', async () => {
    const file = path.join(project, 'lib/subscriptions.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace('];', '  ...(process.env.EXTRA ? [] : []),\n];'));
    const result = await runFilter(project, { 'log-group': '/app/api' });
    expect(subscriptionsIn(readFileSync(file, 'utf8')).map((s) => s.name)).toEqual(['my-app-aws-lambda-versions', 'my-app-app-api']);
    expect(result).toBeDefined();
  });

  it('refuses a subscriptions.ts that does not parse (its closing ] deleted) with the TypeScript diagnostic, changing nothing', async () => {
    const file = path.join(project, 'lib/subscriptions.ts');
    const broken = readFileSync(file, 'utf8').replace(/^\];$/m, '');
    writeFileSync(file, broken);
    const line = broken.split('\n').length;
    const before = contents();
    expect(await yoFailure(runFilter(project, { 'log-group': '/app/api' }))).toMatch(
      new RegExp(`^lib/subscriptions\\.ts: does not parse: lib/subscriptions\\.ts:${line}:1 - error TS1\\d{3}: .*; nothing was changed`),
    );
    expect(contents()).toEqual(before);
  });

  it('refuses the entry that takes the stack past 500 CloudFormation resources, pointing at prefix and account modes, changing nothing', async () => {
    const file = path.join(project, 'lib/subscriptions.ts');
    // 404 named subscriptions make exactly 500 resources (the project's stack test synthesizes them).
    const entries = Array.from({ length: 403 }, (_, i) => `  { name: "g${i}", logGroupName: "/app/g${i}", filterPattern: "", createLogGroup: false },`).join('\n');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^\];$/m, `${entries}\n];`));
    const before = contents();
    expect(await yoFailure(runFilter(project, { 'log-group': '/app/one-more' }))).toMatch(
      /^--log-group: adding "my-app-app-one-more" takes the stack to 501 CloudFormation resources \(405 subscriptions\); one stack holds at most 500; nothing was changed \(subscribe the log groups by name prefix instead \(--log-group-prefix <prefix>/,
    );
    expect(contents()).toEqual(before);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^.*"g402".*\n/m, ''));
    await runFilter(project, { 'log-group': '/app/one-more' }); // the 404th: exactly 500
    expect(subscriptionsIn(readFileSync(file, 'utf8'))).toHaveLength(404);
  });

  it('keeps the alarm email the project was made with', async () => {
    const app = await runApp({ 'project-name': 'alarmed', 'log-group': '/aws/lambda/versions', 'alarm-email': 'ops@example.com' }, []);
    await runFilter(app.cwd, { 'log-group': '/app/api' });
    expect(JSON.parse(readFileSync(path.join(app.cwd, 'cdk.json'), 'utf8')).context.alarmEmail).toBe('ops@example.com');
  });

  it('adds sample lines for the new filter, keeping the ones the user added', async () => {
    const fixture = path.join(project, 'test/fixtures/log-lines.json');
    const mine = JSON.parse(readFileSync(fixture, 'utf8')) as Record<string, { forwarded: string[] }>;
    mine['my-app-aws-lambda-versions']!.forwarded.push('a real line of ours');
    writeFileSync(fixture, JSON.stringify(mine));
    await runFilter(project, { 'log-group': '/app/api', 'filter-pattern': '{ $.level = "ERROR" }' });
    expect(JSON.parse(readFileSync(fixture, 'utf8'))).toEqual({
      'my-app-aws-lambda-versions': { forwarded: ['a sample log line', 'a real line of ours'], dropped: [] },
      'my-app-app-api': { forwarded: ['{"level":"ERROR"}'], dropped: ['an unrelated log line'] },
    });
  });

  it('derives a free name for a second filter on the same group', async () => {
    await runFilter(project, { 'log-group': '/aws/lambda/versions', 'filter-pattern': 'ERROR' });
    expect(readFileSync(path.join(project, 'lib/subscriptions.ts'), 'utf8')).toContain("name: 'my-app-aws-lambda-versions-2',");
  });

  it("keeps the README's table up to date when a pattern holds the managed region's end marker", async () => {
    await runFilter(project, { 'log-group': '/app/api', 'filter-pattern': '"<!-- log-lambda:subscriptions:end -->"' });
    await runFilter(project, { 'log-group': '/app/web' });
    const readme = readFileSync(path.join(project, 'README.md'), 'utf8');
    expect(readme).toContain('`my-app-app-web`');
    expect(readme.match(/^<!-- log-lambda:subscriptions:end -->$/gm)).toHaveLength(1);
  });

  it('keeps what the user wrote in the README outside the managed region', async () => {
    const readme = path.join(project, 'README.md');
    writeFileSync(readme, `${readFileSync(readme, 'utf8')}\n## Our notes\n\nkeep me\n`);
    await runFilter(project, { 'log-group': '/app/api' });
    const text = readFileSync(readme, 'utf8');
    expect(text).toContain('keep me');
    expect(text).toContain('`my-app-app-api`');
  });

  describe('refuses, changing no file', () => {
    const cases: Array<[string, Record<string, unknown>, RegExp, ((dir: string) => void)?]> = [
      [
        'a duplicate filter name',
        { 'log-group': '/app/api', 'filter-name': 'my-app-aws-lambda-versions' },
        /^--filter-name: a subscription filter named "my-app-aws-lambda-versions" exists already/,
      ],
      [
        'a third filter on one log group',
        { 'log-group': '/aws/lambda/versions', 'filter-pattern': 'ERROR' },
        /^--log-group: \/aws\/lambda\/versions has 2 subscription filters already .*AWS allows 2 per log group/,
        undefined,
      ],
      ["the function's own log group", { 'log-group': '/aws/lambda/log-lambda/MyAppStack/echo' }, /^--log-group: .*own log group/],
      [
        "another log-lambda stack's own log group",
        { 'log-group': '/aws/lambda/log-lambda/OtherStack/echo' },
        /^--log-group: .*own log group \(under \/aws\/lambda\/log-lambda\/, this stack's or another's\)/,
      ],
      ['an invalid log group name', { 'log-group': 'has space' }, /^--log-group: "has space" contains a space/],
      ['an invalid filter name', { 'log-group': '/g', 'filter-name': 'a*' }, /^--filter-name: "a\*" contains "\*"/],
      ['an invalid pattern', { 'log-group': '/g', 'filter-pattern': 'x'.repeat(1025) }, /^--filter-pattern: .*1024/],
      ['a missing --log-group without a terminal', {}, /^--log-group: is required/],
      [
        'a sample log line the pattern does not forward',
        { 'log-group': '/g', 'filter-pattern': 'ERROR', 'sample-log-line': 'INFO all fine' },
        /^--sample-log-line: "INFO all fine" is not forwarded by the filter pattern "ERROR"/,
      ],
      [
        'creating a log group that another filter imports',
        { 'log-group': '/aws/lambda/versions', 'create-log-group': true },
        /^--create-log-group: \/aws\/lambda\/versions is already imported/,
      ],
    ];

    it.each(cases)('%s', async (_name, options, message) => {
      if (_name === 'a third filter on one log group') await runFilter(project, { 'log-group': '/aws/lambda/versions', 'filter-pattern': 'WARN' });
      const before = contents();
      expect(await yoFailure(runFilter(project, options))).toMatch(message);
      expect(contents()).toEqual(before);
    });

    it('a lib/subscriptions.ts without the exported array literal, saying what it looked for', async () => {
      const file = path.join(project, 'lib/subscriptions.ts');
      writeFileSync(
        file,
        readFileSync(file, 'utf8')
          .replace('export const subscriptions: readonly Subscription[] = [', 'export const subscriptions: readonly Subscription[] = load([')
          .replace('];', ']);\nfunction load<T>(x: T): T { return x; }'),
      );
      const before = contents();
      expect(await yoFailure(runFilter(project, { 'log-group': '/app/api' }))).toMatch(
        /^lib\/subscriptions\.ts: exports `subscriptions`, but not as an array literal \(it is CallExpression\); log-lambda looks for an exported array literal named `subscriptions` .*; nothing was changed \(put the subscriptions back in that form, or add the filter to the stack by hand\)$/,
      );
      expect(contents()).toEqual(before);
    });

    it('sample lines that are not JSON any more', async () => {
      writeFileSync(path.join(project, 'test/fixtures/log-lines.json'), '{ "my-app-aws-lambda-versions": { broken');
      const before = contents();
      expect(await yoFailure(runFilter(project, { 'log-group': '/app/api' }))).toMatch(/^test\/fixtures\/log-lines\.json: is not a JSON object of sample lines/);
      expect(contents()).toEqual(before);
    });

    it('a folder that is not a project root, pointing at the root', async () => {
      const sub = path.join(project, 'lib');
      expect(await yoFailure(runFilter(sub, { 'log-group': '/app/api' }))).toMatch(
        new RegExp(`^yo log-lambda:filter: ${sub} is not the root of a log-lambda project \\(no \\.yo-rc\\.json\\) \\(run it in ${project}\\)$`),
      );
    });

    it('a folder with no project at all', async () => {
      const elsewhere = mkdtempSync(path.join(tmpdir(), 'not-a-project-'));
      try {
        expect(await yoFailure(runFilter(elsewhere, { 'log-group': '/app/api' }))).toMatch(
          /is not the root of a log-lambda project .*\(run it in the folder made by npm create log-lambda or yo log-lambda/,
        );
        expect(readdirSync(elsewhere)).toEqual([]);
      } finally {
        rmSync(elsewhere, { recursive: true, force: true });
      }
    });
  });
});
