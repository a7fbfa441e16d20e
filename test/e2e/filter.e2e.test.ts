/**
 * `yo log-lambda:filter` as a user runs it: yo@7 and the packed generator installed globally into
 * a temporary prefix, a project made with `yo log-lambda`, two filters added, then the project's
 * tests and synth; the filters that were there before keep their logical ids and names.
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

function projectFiles(): Record<string, string> {
  const files = ['lib/subscriptions.ts', 'README.md', '.yo-rc.json'];
  return Object.fromEntries(files.map((file) => [file, readFileSync(path.join(project, file), 'utf8')]));
}

describe('yo log-lambda:filter in a generated project', () => {
  let before: Resources;
  let after: Resources;

  beforeAll(() => {
    yo = installYo(workspace);
    mkdirSync(path.dirname(project), { recursive: true });
    handToYoUser(path.dirname(project));
    yo.run(['log-lambda', 'my-app', '--log-group', '/aws/lambda/versions', '--yes', '--skip-install', '--no-git'], path.dirname(project));
    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], project);
    before = synthFilters();

    yo.run(['log-lambda:filter', '--log-group', '/app/api', '--filter-pattern', '{ $.level = "ERROR" }', '--create-log-group', '--yes'], project);
    yo.run(['log-lambda:filter', '--log-group', '/aws/lambda/versions', '--filter-pattern', '?ERROR ?Exception', '--yes'], project);
    after = synthFilters();
  });

  it('adds both filters, and the project still type-checks and tests green', () => {
    run('npm', ['run', 'typecheck'], project);
    expect(passedTests(run('npm', ['test'], project).output)).toBeGreaterThan(30);
    expect(Object.values(after).map((filter) => [filter.Properties['FilterName'], filter.Properties['FilterPattern']])).toEqual([
      ['my-app-aws-lambda-versions', ''],
      ['my-app-app-api', '{ $.level = "ERROR" }'],
      ['my-app-aws-lambda-versions-2', '?ERROR ?Exception'],
    ]);
  });

  it('leaves the existing filter exactly as it was: same logical id, name and properties', () => {
    expect(Object.keys(before)).toHaveLength(1);
    for (const [logicalId, filter] of Object.entries(before)) expect(after[logicalId]).toEqual(filter);
  });

  it('refuses a third filter on one log group through yo, with one line naming the flag and no file changed', () => {
    const files = projectFiles();
    const refused = yo.fail(['log-lambda:filter', '--log-group', '/aws/lambda/versions', '--yes'], project);
    expect(refused.status).not.toBe(0);
    expect(refused.output).toMatch(/^--log-group: \/aws\/lambda\/versions has 2 subscription filters already .* AWS allows 2 per log group/m);
    expect(projectFiles()).toEqual(files);
  });

  it('npm run invoke pushes a log file through the filters into the handler', () => {
    const log = path.join(workspace, 'app.log');
    writeFileSync(
      log,
      [
        '{"timestamp":1767225600000,"message":"{\\"level\\":\\"ERROR\\",\\"msg\\":\\"payment failed\\"}"}',
        '{"level":"INFO","msg":"all good"}',
        '[ERROR] NullPointerException in handler',
        'plain INFO line',
        '',
      ].join('\n'),
    );
    const onlyApi = run('npm', ['run', 'invoke', '--', '--file', log, '--log-group', '/app/api'], project);
    expect(onlyApi.stderr).toContain('lines read: 4');
    expect(onlyApi.stderr).toMatch(/my-app-app-api \(\/app\/api, "\{ \$\.level = \\"ERROR\\" \}"\): 1 matched, 1 batch, \d+ bytes/);
    const logged = onlyApi.stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'log events received',
        logGroup: '/app/api',
        subscriptionFilters: ['my-app-app-api'],
        logEvents: [expect.objectContaining({ timestamp: 1767225600000, message: '{"level":"ERROR","msg":"payment failed"}' })],
      }),
    ]);

    const everyFilter = run('npm', ['run', 'invoke', '--', '--file', log], project);
    expect(everyFilter.stderr).toMatch(/my-app-aws-lambda-versions \(\/aws\/lambda\/versions, every event\): 4 matched, 1 batch/);
    expect(everyFilter.stderr).toMatch(/my-app-aws-lambda-versions-2 \(\/aws\/lambda\/versions, "\?ERROR \?Exception"\): 2 matched, 1 batch/);
    expect(everyFilter.stderr).toMatch(/my-app-app-api .*: 1 matched/);
  });

  it('npm run invoke names the flag when it selects nothing', () => {
    const refused = run('npm', ['run', 'invoke', '--', '--filter', 'nope'], project, undefined, { expectFailure: true });
    expect(refused.stderr).toContain('--filter nope matches no subscription in lib/subscriptions.ts (there: my-app-aws-lambda-versions, my-app-app-api, my-app-aws-lambda-versions-2)');
  });

  it('tells where to run it when run elsewhere', () => {
    const refused = yo.fail(['log-lambda:filter', '--log-group', '/app/x', '--yes'], path.join(project, 'lib'));
    expect(refused.output).toContain(`is not the root of a log-lambda project (no .yo-rc.json) (run it in ${project})`);
    expect(readdirSync(path.join(project, 'lib')).sort()).toEqual(['my-app-stack.ts', 'subscriptions.ts']);
  });
});
