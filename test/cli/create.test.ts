/** `create-log-lambda [directory] [flags]` generating projects: every flag reaches the generator. */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../support/run.js';
import { create, tempFolders, tree } from '../support/create-cli.js';
import { settingsOf, subscriptionsIn } from '../support/project.js';

const tempFolder = tempFolders('create-cli');
const offline = ['--skip-install', '--no-git'];

describe('create-log-lambda <directory>', { timeout: 30_000 }, () => {
  it("scaffolds the seed's example and says what to run next", () => {
    const cwd = tempFolder();
    const { stderr } = create(['demo', '--log-group', '/aws/lambda/versions', '--yes', ...offline], cwd);
    expect(settingsOf(path.join(cwd, 'demo'))).toEqual({ projectName: 'demo', generatorVersion: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(subscriptionsIn(path.join(cwd, 'demo'))).toEqual([{ name: 'demo-aws-lambda-versions', logGroupName: '/aws/lambda/versions', filterPattern: '', createLogGroup: false }]);
    expect(Object.keys(tree(path.join(cwd, 'demo')))).toEqual(
      expect.arrayContaining(['package.json', 'bin/demo.ts', 'lib/demo-stack.ts', 'lib/subscriptions.ts', 'src/process.ts', 'src/log-lambda/handler.ts', '.gitignore']),
    );
    expect(existsSync(path.join(cwd, 'demo/.git'))).toBe(false);
    expect(existsSync(path.join(cwd, 'demo/node_modules'))).toBe(false);
    expect(stderr).toContain('Done. Now run:\n\n  cd demo\n  npm install\n  npm test\n');
    expect(stderr).toContain(
      '\nBefore `npm run deploy`: every log group subscribed by name must exist already (/aws/lambda/versions), unless createLogGroup is true for it in lib/subscriptions.ts.\n',
    );
  });

  it('takes every question from its flag', () => {
    const cwd = tempFolder();
    create(
      [
        'Shop Orders',
        '--project-name',
        'shop',
        '--log-group',
        '/app/api#1',
        '--filter-pattern',
        '{ $.level = "ERROR" }',
        '--filter-name',
        'api-errors',
        '--create-log-group',
        '--no-interactive',
        ...offline,
      ],
      cwd,
    );
    const project = path.join(cwd, 'Shop Orders');
    expect(subscriptionsIn(project)).toEqual([{ name: 'api-errors', logGroupName: '/app/api#1', filterPattern: '{ $.level = "ERROR" }', createLogGroup: true }]);
    expect(JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8')).name).toBe('shop');
    expect(existsSync(path.join(project, 'bin/shop.ts'))).toBe(true);
  });

  it.each([
    [['--filter-pattern', ''], ''],
    [['--filter-pattern='], ''],
    [['--filter-pattern=-DEBUG'], '-DEBUG'],
    [['--filter-pattern', '"--dry-run" -DEBUG'], '"--dry-run" -DEBUG'],
  ])('passes the pattern of %j on as it is', (flag, pattern) => {
    const cwd = tempFolder();
    create(['p', '--log-group', '/a', ...flag, '-y', ...offline], cwd);
    expect(subscriptionsIn(path.join(cwd, 'p'))[0]!.filterPattern).toBe(pattern);
  });

  it('generates into the current folder when no directory is given, named after it', () => {
    const cwd = path.join(tempFolder(), 'orders-api');
    mkdirSync(cwd);
    const { stderr } = create(['--log-group', '/a', '--yes', ...offline], cwd);
    expect(settingsOf(cwd)['projectName']).toBe('orders-api');
    expect(stderr).toContain('Done. Now run:\n\n  npm install\n');
  });

  it('creates the folders of a nested directory', () => {
    const cwd = tempFolder();
    create(['apps/logs/my-app', '--log-group', '/a', '--yes', ...offline], cwd);
    expect(settingsOf(path.join(cwd, 'apps/logs/my-app'))['projectName']).toBe('my-app');
  });

  it('takes a directory that starts with - after --', () => {
    const cwd = tempFolder();
    create(['--log-group', '/a', '--yes', ...offline, '--', '-app'], cwd);
    expect(settingsOf(path.join(cwd, '-app'))['projectName']).toBe('app');
  });

  it('makes a first git commit unless --no-git', () => {
    const cwd = tempFolder();
    const { stderr } = create(['with-git', '--log-group', '/a', '--yes', '--skip-install'], cwd);
    expect(stderr).toContain('Initialised a git repository with a first commit');
    const log = run('git', ['log', '--oneline'], path.join(cwd, 'with-git'));
    expect(log.stdout.trim().split('\n')).toHaveLength(1);
    expect(run('git', ['status', '--porcelain'], path.join(cwd, 'with-git')).stdout).toBe('');
  });

  it('leaves git alone when it is missing, and still succeeds', () => {
    const cwd = tempFolder();
    const emptyPath = tempFolder(); // no git, no package manager on PATH
    const { stderr } = create(['no-git-here', '--log-group', '/a', '--yes', '--skip-install'], cwd, { PATH: emptyPath });
    expect(stderr).toContain('git not found: skipped `git init`');
    expect(existsSync(path.join(cwd, 'no-git-here/.git'))).toBe(false);
    expect(existsSync(path.join(cwd, 'no-git-here/lib/no-git-here-stack.ts'))).toBe(true);
  });

  it("leaves the user's repository alone when the project goes inside one", () => {
    const cwd = tempFolder();
    run('git', ['init', '--quiet'], cwd);
    const { stderr } = create(['inner', '--log-group', '/a', '--yes', '--skip-install'], cwd);
    expect(stderr).toContain('Inside an existing git repository: left it alone');
    expect(existsSync(path.join(cwd, 'inner/.git'))).toBe(false);
    run('git', ['log'], cwd, process.env, { expectFailure: true }); // fails: nothing was committed in the user's repository
    expect(run('git', ['status', '--porcelain'], cwd).stdout).toBe('?? inner/\n'); // nor staged
  });

  it('stages the files and says so when git has no identity to commit with', () => {
    const cwd = tempFolder();
    const noIdentity = {
      GIT_AUTHOR_NAME: '',
      GIT_AUTHOR_EMAIL: '',
      GIT_COMMITTER_NAME: '',
      GIT_COMMITTER_EMAIL: '',
      HOME: tempFolder(), // no ~/.gitconfig
      GIT_CONFIG_NOSYSTEM: '1',
      // Never guess an identity from the user and host names.
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'user.useConfigOnly',
      GIT_CONFIG_VALUE_0: 'true',
    };
    const { stderr } = create(['anonymous', '--log-group', '/a', '--yes', '--skip-install'], cwd, noIdentity);
    expect(stderr).toMatch(/Initialised a git repository with the files staged; commit them yourself \(.+\)/);
    const project = path.join(cwd, 'anonymous');
    expect(run('git', ['status', '--porcelain'], project).stdout).toMatch(/^A {2}package\.json$/m);
  });

  it('generates into a folder that holds only .git', () => {
    const cwd = tempFolder();
    mkdirSync(path.join(cwd, 'repo/.git'), { recursive: true });
    create(['repo', '--log-group', '/a', '--yes', ...offline], cwd);
    expect(settingsOf(path.join(cwd, 'repo'))['projectName']).toBe('repo');
  });
});
