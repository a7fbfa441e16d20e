/**
 * Every package manager create-log-lambda offers, end to end. For each, a project is created as
 * `<pm> create log-lambda` creates it (the manager's npm_config_user_agent tells create-log-lambda
 * which one ran it), installed by that manager from the npm registry, and then the next steps it
 * printed are run as printed: the tests and the synth; and the type-check and the CloudFormation
 * validation, whose engine (@aws/cloudformation-validate) is what yarn 1 and bun once could not
 * install. yarn and bun come from the npm registry, installed into a temporary prefix first.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { packageManagers, projectDependencies, runScript, type PackageManager } from '@log-lambda/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBin, gitIdentity } from '../support/create-cli.js';
import { passedTests, resourcesOf, synthesizedTemplate, withUnknownProperty } from '../support/project.js';
import { cleanShell, run } from '../support/run.js';

/** The versions of the package managers the test installs, and how each introduces itself. */
const tools = { yarn: '1.22.22', bun: '1.4.5' };
const platform = `node/${process.version} ${process.platform} ${process.arch}`;
const userAgents: Record<PackageManager, string> = {
  npm: `npm/11.19.1 ${platform} workspaces/false`,
  pnpm: `pnpm/10.34.9 npm/? ${platform}`,
  yarn: `yarn/${tools.yarn} npm/? ${platform}`,
  bun: `bun/${tools.bun} npm/? ${platform}`,
};
const lockFiles: Record<PackageManager, string> = { npm: 'package-lock.json', pnpm: 'pnpm-lock.yaml', yarn: 'yarn.lock', bun: 'bun.lock' };

const workspace = mkdtempSync(path.join(tmpdir(), 'log-lambda-pm-e2e-'));
const prefix = path.join(workspace, 'tools');
let shell: NodeJS.ProcessEnv;

beforeAll(() => {
  run('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', `yarn@${tools.yarn}`, `bun@${tools.bun}`], workspace, cleanShell());
  shell = cleanShell({ ...gitIdentity, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${cleanShell()['PATH']}` });
  for (const [tool, version] of Object.entries(tools)) expect(run(tool, ['--version'], workspace, shell).stdout.trim()).toBe(version);
});

afterAll(() => rmSync(workspace, { recursive: true, force: true }));

/** The commands after "Done. Now run:", as printed, without their comments. */
function nextSteps(output: string): string[] {
  const done = output.slice(output.indexOf('Done. Now run:'));
  return done
    .split('\n')
    .slice(2)
    .filter((line) => line.startsWith('  '))
    .map((line) => line.trim().replace(/\s+#.*$/, ''));
}

describe.each(packageManagers)('%s create log-lambda', (pm) => {
  it(`installs with ${pm}; the next steps it prints (tests, synth) pass as printed, and so do its type-check and CloudFormation validation`, () => {
    const cwd = path.join(workspace, pm);
    mkdirSync(cwd);
    const created = run(process.execPath, [createBin, 'my-app', '--log-group', '/aws/lambda/versions', '--yes', '--no-git'], cwd, {
      ...shell,
      npm_config_user_agent: userAgents[pm],
    });
    expect(created.output).toContain(`Installing dependencies with ${pm}...`);
    const project = path.join(cwd, 'my-app');
    expect(existsSync(path.join(project, lockFiles[pm])), lockFiles[pm]).toBe(true);
    const installed = JSON.parse(readFileSync(path.join(project, 'node_modules/aws-cdk-lib/package.json'), 'utf8')) as { version: string };
    expect(installed.version).toBe(projectDependencies['aws-cdk-lib']);

    const [cd, test, synth, deploy, ...more] = nextSteps(created.output);
    expect([cd, test, synth, deploy, ...more]).toEqual(['cd my-app', runScript(pm, 'test'), runScript(pm, 'synth'), runScript(pm, 'deploy')]);
    expect(passedTests(run('sh', ['-c', test!], project, shell).output)).toBeGreaterThan(90);
    run('sh', ['-c', synth!], project, shell);
    expect(resourcesOf(synthesizedTemplate(project), 'AWS::Logs::SubscriptionFilter')).toEqual([
      expect.objectContaining({ FilterName: 'my-app-aws-lambda-versions', FilterPattern: '', LogGroupName: '/aws/lambda/versions' }),
    ]);
    run('sh', ['-c', runScript(pm, 'typecheck')], project, shell);
    run('sh', ['-c', runScript(pm, 'validate')], project, shell);
    withUnknownProperty(project, () => {
      const refused = run('sh', ['-c', runScript(pm, 'validate')], project, shell, { expectFailure: true });
      expect(refused.output).toMatch(/RetentionDays: Additional properties are not allowed/);
    });
  });
});
