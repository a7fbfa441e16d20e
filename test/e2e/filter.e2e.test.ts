/**
 * `yo log-lambda:filter` as a user runs it: yo@7 and the packed generator installed globally into
 * a temporary prefix, a project made with `yo log-lambda` whose lib/subscriptions.ts the user then
 * reformatted, commented, gave a hand-written entry and CRLF line endings (a Windows checkout),
 * two filters added, then the project's tests and synth; the filters that were there before keep
 * their logical ids and names, and every byte the user wrote stays.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passedTests } from '../support/project.js';
import { run } from '../support/run.js';
import { handToYoUser, installYo, type Yo } from '../support/yo.js';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

const workspace = mkdtempSync(path.join(tmpdir(), 'log-lambda-filter-e2e-'));
const project = path.join(workspace, 'work', 'my-app');
let yo: Yo;
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

function synthFilters(): Resources {
  run('npx', ['cdk', 'synth', '--quiet', '--no-notices'], project);
  const template = JSON.parse(readFileSync(path.join(project, 'cdk.out', 'MyAppStack.template.json'), 'utf8')) as { Resources: Resources };
  return Object.fromEntries(Object.entries(template.Resources).filter(([, resource]) => resource.Type === 'AWS::Logs::SubscriptionFilter'));
}

/** lib/subscriptions.ts as a user leaves it: their formatting, comments, an entry of their own, CRLF. */
const usersSubscriptions = [
  '// Our subscriptions. Reviewed by the platform team.',
  'export type Subscription = { readonly name: string; readonly logGroupName: string; readonly filterPattern: string; readonly createLogGroup: boolean };',
  '',
  'export const subscriptions: readonly Subscription[] = [',
  "\t{ name: 'my-app-aws-lambda-versions', logGroupName: '/aws/lambda/versions', filterPattern: '', createLogGroup: false }, // the first one",
  '\t/* added by hand */',
  "\t{ name: 'my-app-hand', logGroupName: '/app/hand', filterPattern: 'HAND', createLogGroup: true },",
  '];',
  '',
].join('\r\n');

function projectFiles(): Record<string, string> {
  const files = ['lib/subscriptions.ts', 'README.md', '.yo-rc.json'];
  return Object.fromEntries(files.map((file) => [file, readFileSync(path.join(project, file), 'utf8')]));
}

describe('yo log-lambda:filter in a generated project', () => {
  let before: Resources;
  let after: Resources;
  /** What yo printed while creating the project. */
  let created = '';

  beforeAll(() => {
    yo = installYo(workspace);
    mkdirSync(path.dirname(project), { recursive: true });
    handToYoUser(path.dirname(project));
    created = yo.run(['log-lambda', 'my-app', '--log-group', '/aws/lambda/versions', '--yes', '--skip-install', '--no-git'], path.dirname(project)).output;
    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], project);
    writeFileSync(path.join(project, 'lib/subscriptions.ts'), usersSubscriptions);
    // Their sample lines for their entry, as the generated test asks.
    const fixture = path.join(project, 'test/fixtures/log-lines.json');
    const lines = JSON.parse(readFileSync(fixture, 'utf8')) as Record<string, unknown>;
    writeFileSync(fixture, JSON.stringify({ ...lines, 'my-app-hand': { forwarded: ['HAND made'], dropped: ['made by machine'] } }, null, 2));
    before = synthFilters();

    yo.run(['log-lambda:filter', '--log-group', '/app/api', '--filter-pattern', '{ $.level = "ERROR" }', '--create-log-group', '--yes'], project);
    yo.run(['log-lambda:filter', '--log-group', '/aws/lambda/versions', '--filter-pattern', '?ERROR ?Exception', '--yes'], project);
    after = synthFilters();
  });

  it('adds both filters, and the project still type-checks and tests green', () => {
    run('npm', ['run', 'typecheck'], project);
    expect(passedTests(run('npm', ['test'], project).output)).toBeGreaterThan(90);
    expect(Object.values(after).map((filter) => [filter.Properties['FilterName'], filter.Properties['FilterPattern']])).toEqual([
      ['my-app-aws-lambda-versions', ''],
      ['my-app-hand', 'HAND'],
      ['my-app-app-api', '{ $.level = "ERROR" }'],
      ['my-app-aws-lambda-versions-2', '?ERROR ?Exception'],
    ]);
  });

  it('leaves the existing filters exactly as they were: same logical ids, names and properties', () => {
    expect(Object.keys(before)).toHaveLength(2);
    for (const [logicalId, filter] of Object.entries(before)) expect(after[logicalId]).toEqual(filter);
  });

  it("keeps every byte of the user's subscriptions.ts: the entries were spliced in, in their style, with CRLF", () => {
    const text = readFileSync(path.join(project, 'lib/subscriptions.ts'), 'utf8');
    expect(text).toBe(
      usersSubscriptions.replace(
        'createLogGroup: true },\r\n];',
        'createLogGroup: true },\r\n' +
          "\t{ name: 'my-app-app-api', logGroupName: '/app/api', filterPattern: '{ $.level = \"ERROR\" }', createLogGroup: true },\r\n" +
          "\t{ name: 'my-app-aws-lambda-versions-2', logGroupName: '/aws/lambda/versions', filterPattern: '?ERROR ?Exception', createLogGroup: false },\r\n];",
      ),
    );
    expect(readFileSync(path.join(project, 'README.md'), 'utf8')).toContain('`my-app-hand`');
  });

  it('refuses a third filter on one log group through yo, with one line naming the flag and no file changed', () => {
    const files = projectFiles();
    const refused = yo.fail(['log-lambda:filter', '--log-group', '/aws/lambda/versions', '--yes'], project);
    expect(refused.status).not.toBe(0);
    expect(refused.output).toMatch(/^--log-group: \/aws\/lambda\/versions has 2 subscription filters already .* AWS allows 2 per log group/m);
    // Our line stands alone: no "An error occured while running …" from Yeoman, no "Error log-lambda:filter …" from yo.
    expect(refused.output).not.toContain('An error occured');
    expect(refused.output).not.toMatch(/^Error /m);
    expect(refused.status).toBe(1);
    expect(projectFiles()).toEqual(files);
  });

  it('reports each file it creates as created: none labelled force', () => {
    expect(created).toMatch(/^ {3}create my-app\/lib\/subscriptions\.ts$/m);
    expect(created).toMatch(/^ {3}create my-app\/\.yo-rc\.json$/m);
    expect(created).not.toMatch(/\bforce\b/);
  });

  it('npm run invoke pushes a log file through the filters into the handler, each line a message (JSON lines as JSON)', () => {
    const log = path.join(workspace, 'app.log');
    writeFileSync(
      log,
      [
        '{"timestamp":"2026-01-01T00:00:00.000Z","level":"ERROR","requestId":"r1","message":"payment failed"}',
        '{"level":"INFO","msg":"all good"}',
        '[ERROR] NullPointerException in handler',
        'plain INFO line',
        '',
      ].join('\n'),
    );
    const onlyApi = run('npm', ['run', 'invoke', '--', '--file', log, '--log-group', '/app/api'], project);
    expect(onlyApi.stderr).toContain('lines read: 4');
    expect(onlyApi.stderr).toMatch(/my-app-app-api \(\/app\/api, "\{ \$\.level = \\"ERROR\\" \}"\): 1 matched, 1 batch, \d+ bytes/);
    const logged = onlyApi.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: {
          kind: 'log event',
          logGroup: '/app/api',
          logStream: 'local',
          filter: 'my-app-app-api',
          id: expect.any(String),
          timestamp: expect.any(Number),
          message: '{"timestamp":"2026-01-01T00:00:00.000Z","level":"ERROR","requestId":"r1","message":"payment failed"}',
        },
      }),
      expect.objectContaining({ level: 'INFO', message: expect.objectContaining({ kind: 'batch', logGroup: '/app/api', filter: 'my-app-app-api', events: 1 }) }),
    ]);

    const everyFilter = run('npm', ['run', 'invoke', '--', '--file', log], project);
    expect(everyFilter.stderr).toMatch(/my-app-aws-lambda-versions \(\/aws\/lambda\/versions, every event\): 4 matched, 1 batch/);
    expect(everyFilter.stderr).toMatch(/my-app-aws-lambda-versions-2 \(\/aws\/lambda\/versions, "\?ERROR \?Exception"\): 2 matched, 1 batch/);
    expect(everyFilter.stderr).toMatch(/my-app-app-api .*: 1 matched/);
  });

  it('npm run invoke names the flag when it selects nothing', () => {
    const refused = run('npm', ['run', 'invoke', '--', '--filter', 'nope'], project, undefined, { expectFailure: true });
    expect(refused.stderr).toContain(
      '--filter nope matches no subscription in lib/subscriptions.ts (there: my-app-aws-lambda-versions, my-app-hand, my-app-app-api, my-app-aws-lambda-versions-2)',
    );
  });

  it('tells where to run it when run elsewhere', () => {
    const before = readdirSync(path.join(project, 'lib')).sort();
    const refused = yo.fail(['log-lambda:filter', '--log-group', '/app/x', '--yes'], path.join(project, 'lib'));
    expect(refused.output).toContain(`is not the root of a log-lambda project (no .yo-rc.json) (run it in ${project})`);
    expect(readdirSync(path.join(project, 'lib')).sort()).toEqual(before);
  });
});

describe('yo log-lambda, through real yo, where files are', () => {
  it('never regenerates over the project, whatever the flags, and changes nothing', () => {
    const files = projectFiles();
    const refused = yo.fail(['log-lambda', '.', '--log-group', '/other', '--yes', '--force', '--overwrite', '--skip-install', '--no-git'], project);
    expect(refused.output).toMatch(/holds a log-lambda project already .*yo log-lambda:filter.*yo log-lambda:upgrade/);
    expect(projectFiles()).toEqual(files);
  });

  it('--force without a terminal: yo stops before writing and names the file it would replace', () => {
    const folder = path.join(workspace, 'work', 'theirs');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'README.md'), '# theirs\n');
    handToYoUser(folder);
    const refused = yo.fail(['log-lambda', '.', '--log-group', '/a', '--yes', '--force', '--skip-install', '--no-git'], folder);
    expect(refused.output).toMatch(/--overwrite: 1 file in .*theirs would be replaced: README\.md; nothing was written/);
    expect(readdirSync(folder)).toEqual(['README.md']);
    expect(readFileSync(path.join(folder, 'README.md'), 'utf8')).toBe('# theirs\n');
  });
});
