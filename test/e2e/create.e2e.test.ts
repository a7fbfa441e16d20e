/**
 * `npm create log-lambda` as a user types it: both packages packed and published to a private
 * registry (verdaccio on 127.0.0.1, everything else through it from the real one), then the
 * literal commands, the generated projects installed, tested and synthesized. And `yo`,
 * installed from the same registry, finds the generator and adds a filter to the npm-made project.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appFlags } from '@log-lambda/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitIdentity } from '../support/create-cli.js';
import { passedTests, resourcesOf, synthesizedTemplate, type Template } from '../support/project.js';
import { packPackages, publish, startRegistry, userShell, type Registry } from '../support/registry.js';
import { run } from '../support/run.js';
import { handToYoUser } from '../support/yo.js';

const workspace = mkdtempSync(path.join(tmpdir(), 'log-lambda-create-e2e-'));
const home = path.join(workspace, 'home'); // the user's folder, where they type the commands
let registry: Registry;

beforeAll(async () => {
  registry = await startRegistry(path.join(workspace, 'registry'), ['create-log-lambda', 'generator-log-lambda']);
  const tarballs = packPackages(workspace);
  expect(tarballs.map((file) => path.basename(file)).sort()).toEqual([expect.stringMatching(/^create-log-lambda-/), expect.stringMatching(/^generator-log-lambda-/)]);
  publish(registry, tarballs, workspace);
  mkdirSync(home);
});

afterAll(async () => {
  await registry?.stop();
  rmSync(workspace, { recursive: true, force: true });
});

/** A shell of a user of `registry`, with a cache of its own: nothing from an earlier run is reused. */
const shell = (cache: string) => userShell(registry, { ...gitIdentity, npm_config_cache: path.join(workspace, cache) });

/** The project's `npm test` (green) and `cdk synth`; returns the synthesized template. */
function testAndSynth(project: string): Template {
  expect(passedTests(run('npm', ['test'], project, shell('npm-cache')).output)).toBeGreaterThan(90);
  run('npx', ['cdk', 'synth', '--quiet', '--no-notices'], project, shell('npm-cache'));
  return synthesizedTemplate(project);
}

function checkProject(project: string) {
  expect(existsSync(path.join(project, 'node_modules/aws-cdk-lib/package.json'))).toBe(true);
  expect(run('git', ['log', '--oneline'], project).stdout).toContain('Initial commit from log-lambda');
  expect(JSON.stringify(testAndSynth(project))).toContain('"LogGroupName":"/aws/lambda/versions"');
}

const createCommands = [
  // The literal commands of the README; pnpm gets a `pnpm dlx` cache of its own, new for this run.
  { pm: 'npm', folder: 'my-app', command: ['create', 'log-lambda@latest', 'my-app', '--', '--log-group', '/aws/lambda/versions', '--yes'], lockFile: 'package-lock.json', env: {} },
  {
    pm: 'pnpm',
    folder: 'other',
    command: ['create', 'log-lambda', 'other', '--log-group', '/aws/lambda/versions', '--yes'],
    lockFile: 'pnpm-lock.yaml',
    env: { npm_config_cache_dir: path.join(workspace, 'pnpm-cache') },
  },
];

describe.each(createCommands)('$pm $command', ({ pm, folder, command, lockFile, env }) => {
  it(`creates, installs with ${pm} and commits a project whose tests and synth pass`, () => {
    const created = run(pm, command, home, { ...shell('npm-cache'), ...env });
    expect(created.output).toContain(`Installing dependencies with ${pm}...`);
    expect(created.output).toContain(`Done. Now run:\n\n  cd ${folder}\n  ${pm} test\n`);
    const project = path.join(home, folder);
    expect(existsSync(path.join(project, lockFile))).toBe(true);
    checkProject(project);
  });
});

describe('yo log-lambda, with yo and the generator installed from the registry', () => {
  let yo: (args: string[], cwd: string) => string;

  beforeAll(() => {
    chmodSync(workspace, 0o755); // yo, started as root, runs as an ordinary user, who must read the prefix
    const prefix = path.join(workspace, 'prefix');
    const yoHome = path.join(workspace, 'yo-home');
    mkdirSync(yoHome);
    handToYoUser(yoHome);
    run('npm', ['install', '--global', '--prefix', prefix, 'yo@7.0.1', 'generator-log-lambda'], workspace, shell('npm-cache'));
    const env = shell('npm-cache');
    const yoEnv = { ...env, HOME: yoHome, npm_config_prefix: prefix, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${env['PATH']}` };
    yo = (args, cwd) => run(path.join(prefix, 'bin/yo'), [...args, '--no-insight'], cwd, yoEnv).stdout;
  });

  it('lists every flag in --help', () => {
    const help = yo(['log-lambda', '--help'], workspace);
    for (const { flag } of appFlags) expect(help).toContain(`--${flag}`);
  });

  it('adds a filter to the project npm create made, whose tests and synth pass', () => {
    const project = path.join(home, 'my-app');
    handToYoUser(project); // the user who runs yo owns the project, as on a developer's machine
    yo(['log-lambda:filter', '--log-group', '/app/api', '--filter-pattern', '{ $.level = "ERROR" }', '--yes'], project);
    const filters = resourcesOf(testAndSynth(project), 'AWS::Logs::SubscriptionFilter').map((filter) => [filter['FilterName'], filter['FilterPattern']]);
    expect(filters).toEqual([
      ['my-app-aws-lambda-versions', ''],
      ['my-app-app-api', '{ $.level = "ERROR" }'],
    ]);
  });
});
