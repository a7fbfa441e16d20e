/**
 * `create-log-lambda --upgrade [directory]` (`npm create log-lambda@latest -- --upgrade`): the
 * upgrade door for users who never installed yo. The merge itself is tested in
 * test/upgrade.test.ts and packages/shared; here, the command line reaches the generator and the
 * exit codes and messages are the ones a script can rely on: on a project one known change behind
 * (older-project.ts), and on the projects the releases made (release-fixture.ts), which the
 * end-to-end test then upgrades, installs and tests.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { upgradeFlags } from '@log-lambda/shared';
import { describe, expect, it } from 'vitest';
import { create, createBin, createFails, errorLines, fakePackageManagers, tempFolders, tree, userEnv } from '../support/create-cli.js';
import { olderProjectIn, RECORD } from '../support/older-project.js';
import { linkProjectTypeScript, settingsOf } from '../support/project.js';
import { projectOfRelease } from '../support/release-fixture.js';
import { inTerminal } from '../support/terminal.js';

const tempFolder = tempFolders('create-upgrade');
const olderProject = () => olderProjectIn(tempFolder());
const packageVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
/** A project's files, its .git aside (git status may refresh the index). */
const worktree = (project: string) => Object.fromEntries(Object.entries(tree(project)).filter(([entry]) => entry.split(path.sep)[0] !== '.git'));
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('create-log-lambda --upgrade', { timeout: 30_000 }, () => {
  it('upgrades the project named by the directory argument, and says what it did and what to run', () => {
    const { cwd, project } = olderProject();
    const { stderr } = create(['--upgrade', 'my-app', '--yes', '--skip-install'], cwd);
    expect(stderr).toContain('Upgrading my-app from log-lambda 0.1.9 to 0.2.0 (base: .log-lambda/base.json)\n\n  updated     lib/my-app-stack.ts\n');
    expect(stderr).toContain('Now run:\n\n  cd my-app\n  npm install\n  npm test\n  npm run synth\n');
    expect(readFileSync(path.join(project, 'lib/my-app-stack.ts'), 'utf8')).toContain('(a replacement would hit the per-group quota mid-deploy)');
    expect(settingsOf(project)['generatorVersion']).toBe('0.2.0');
  });

  it('removes a file the older version generated and the current one does not, without asking (no terminal)', () => {
    const { cwd, project } = olderProject();
    const record = JSON.parse(readFileSync(path.join(project, RECORD), 'utf8')) as { files: Record<string, string> };
    record.files['lib/legacy.ts'] = 'export const legacy = true;\n';
    writeFileSync(path.join(project, RECORD), JSON.stringify(record));
    writeFileSync(path.join(project, 'lib/legacy.ts'), 'export const legacy = true;\n');
    const { stderr } = create(['--upgrade', 'my-app', '--yes', '--skip-install'], cwd);
    expect(stderr).toContain('  removed     lib/legacy.ts\n');
    expect(existsSync(path.join(project, 'lib/legacy.ts'))).toBe(false);
  });

  it('in a terminal: shows the plan and asks; "n" writes nothing, "y" writes', async () => {
    const { project } = olderProject();
    const before = tree(project);
    const upgrade = [process.execPath, createBin, '--upgrade', '--skip-install'];
    const declined = await inTerminal(upgrade, [['Write these changes?', 'n\r']], { cwd: project, env: userEnv() });
    expect(declined.code, declined.screen).toBe(0);
    expect(declined.screen).toContain('  updated     lib/my-app-stack.ts');
    expect(declined.screen.indexOf('updated     lib/my-app-stack.ts')).toBeLessThan(declined.screen.indexOf('Write these changes?'));
    expect(declined.screen).toContain('Nothing was written.');
    expect(tree(project)).toEqual(before);
    const accepted = await inTerminal(upgrade, [['Write these changes?', 'y\r']], { cwd: project, env: userEnv() });
    expect(accepted.code, accepted.screen).toBe(0);
    expect(settingsOf(project)['generatorVersion']).toBe('0.2.0');
    expect(accepted.screen).toMatch(/Upgraded to log-lambda 0\.2\.0: 1 file changed, \d+ unchanged\./);
  });

  it('--dry-run, in the project folder: prints the plan, writes nothing, exit 0', () => {
    const { project } = olderProject();
    const before = tree(project);
    const { stderr } = create(['--upgrade', '--dry-run'], project);
    expect(stderr).toContain('  updated     lib/my-app-stack.ts');
    expect(stderr).toContain('Dry run: nothing was written.');
    expect(tree(project)).toEqual(before);
  });

  it('conflicts: every file written, the conflicted ones listed in one line, exit 1', () => {
    const { project } = olderProject();
    const stack = path.join(project, 'lib/my-app-stack.ts');
    writeFileSync(stack, readFileSync(stack, 'utf8').replace('// replaces an existing filter.', '// replaces an existing filter. Mine.'));
    const result = createFails(['--upgrade', '--yes', '--skip-install'], project);
    expect(result.status).toBe(1);
    expect(errorLines(result).at(-1)).toBe(
      '1 file has conflicts to resolve: lib/my-app-stack.ts. In each, keep what you want between <<<<<<< your version and >>>>>>> log-lambda …, and delete the markers.',
    );
    expect(readFileSync(stack, 'utf8')).toContain('<<<<<<< your version\n');
    expect(result.output).not.toMatch(/\n\s+at /);
  });

  it('Ctrl-C during the install puts every file back as it was, package-lock.json included, and exits 130', async () => {
    const { project } = olderProject();
    // 0.1.9 pinned an older aws-cdk-lib, and npm locked it: the upgrade rewrites the lock too.
    const pkg = path.join(project, 'package.json');
    const oldPin = readFileSync(pkg, 'utf8').replace(/"aws-cdk-lib": "[^"]+"/, '"aws-cdk-lib": "2.100.0"');
    writeFileSync(pkg, oldPin);
    const record = JSON.parse(readFileSync(path.join(project, RECORD), 'utf8')) as { files: Record<string, string> };
    record.files['package.json'] = oldPin;
    writeFileSync(path.join(project, RECORD), JSON.stringify(record));
    const lock = { name: 'my-app', lockfileVersion: 3, packages: { '': { name: 'my-app' }, 'node_modules/aws-cdk-lib': { version: '2.100.0' } } };
    writeFileSync(path.join(project, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
    const before = tree(project);
    // An npm that says it started, then installs forever.
    const bin = path.join(tempFolder(), 'bin');
    mkdirSync(bin);
    const started = path.join(bin, 'started');
    writeFileSync(path.join(bin, 'npm'), `#!/bin/sh\ntouch "${started}"\nwhile true; do sleep 1; done\n`);
    chmodSync(path.join(bin, 'npm'), 0o755);
    const child = spawn(process.execPath, [createBin, '--upgrade', '--yes'], {
      cwd: project,
      env: userEnv({ PATH: `${bin}${path.delimiter}${process.env['PATH']}` }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    while (!existsSync(started)) await sleep(20);
    expect(readFileSync(path.join(project, 'lib/my-app-stack.ts'), 'utf8')).toContain('(a replacement would hit the per-group quota mid-deploy)'); // written
    expect(readFileSync(path.join(project, 'package-lock.json'), 'utf8')).not.toContain('node_modules/aws-cdk-lib'); // rewritten
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(output).toMatch(/Interrupted \(SIGINT\)\. Put back the \d+ files it had replaced: \. is as it was\./);
    expect(tree(project)).toEqual(before);
  });

  it('an install that fails after a complete upgrade keeps it and lists every step that is left, then the error', () => {
    const { cwd, project } = olderProject();
    const pm = fakePackageManagers(cwd, 1);
    const result = createFails(['--upgrade', 'my-app', '--yes'], cwd, { PATH: `${pm.path}${path.delimiter}${process.env['PATH']}` });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('The install failed. What is left to run:\n\n  cd my-app\n  npm install\n  npm test\n  npm run synth\n');
    expect(errorLines(result).at(-1)).toMatch(/^npm install failed after /);
    expect(readFileSync(path.join(project, 'lib/my-app-stack.ts'), 'utf8')).toContain('(a replacement would hit the per-group quota mid-deploy)');
  });

  it("without the project's dependencies installed: one line saying to install them (or use yo), nothing changed, exit 1", () => {
    const { project } = olderProject();
    rmSync(path.join(project, 'node_modules'), { recursive: true });
    const before = tree(project);
    const result = createFails(['--upgrade', '--yes', '--skip-install'], project);
    expect(result.status).toBe(1);
    expect(errorLines(result)).toEqual([
      `typescript: create-log-lambda --upgrade reads lib/subscriptions.ts with the project's own TypeScript, and ${project} has none installed; nothing was changed (install the project's dependencies first (npm install), or run yo log-lambda:upgrade, which brings its own TypeScript)`,
    ]);
    expect(tree(project)).toEqual(before);
  });

  it('refuses a folder that is not a project, in one line, exit 1', () => {
    const folder = tempFolder();
    const result = createFails(['--upgrade'], folder);
    expect(errorLines(result)).toEqual([
      `directory: ${folder} is not the root of a log-lambda project (no .yo-rc.json) (run it in the folder made by npm create log-lambda or yo log-lambda, where .yo-rc.json is)`,
    ]);
    expect(tree(folder)).toEqual({});
  });

  it.each([
    [
      ['--upgrade', '--log-group', '/a'],
      "--log-group: is not a flag of --upgrade: an upgrade keeps the project's settings and subscriptions (add a subscription with --add-filter (or yo log-lambda:filter))",
    ],
    [
      ['--upgrade', '--no-git'],
      "--git: is not a flag of --upgrade: an upgrade keeps the project's settings and subscriptions (add a subscription with --add-filter (or yo log-lambda:filter))",
    ],
    [['my-app', '--dry-run'], '--dry-run: works only with --upgrade (create-log-lambda --upgrade --dry-run upgrades a project made by an earlier log-lambda)'],
    [['my-app', '--base', 'HEAD'], '--base: works only with --upgrade (create-log-lambda --upgrade --base upgrades a project made by an earlier log-lambda)'],
  ])('%j: a flag of the other command is one line naming it, exit 1', (args, message) => {
    const folder = tempFolder();
    const result = createFails(args, folder);
    expect(errorLines(result)).toEqual([message, 'Run create-log-lambda --help to see every flag, with examples.']);
    expect(tree(folder)).toEqual({});
  });

  it('--help lists every upgrade flag with its description', () => {
    const { stdout } = create(['--help'], tempFolder());
    const section = stdout.slice(stdout.indexOf('Upgrade flags:'));
    for (const flag of upgradeFlags) {
      const line = section.split('\n').find((l) => new RegExp(`^\\s+(-\\w, )?--${flag.flag}\\b`).test(l));
      expect(line, flag.flag).toContain(flag.description);
    }
    expect(stdout).toContain('   or: create-log-lambda --upgrade [directory] [upgrade flags]');
  });
});

describe('create-log-lambda --upgrade on the projects the releases made', { timeout: 30_000 }, () => {
  it('0.1.0, which records no base: reads it from the first commit the release made, and plans without writing', () => {
    const project = projectOfRelease('0.1.0', tempFolder());
    linkProjectTypeScript(project);
    const before = worktree(project);
    const { stderr } = create(['--upgrade', '--dry-run'], project);
    expect(stderr).toMatch(
      new RegExp(`^Upgrading my-app from log-lambda 0\\.1\\.0 to ${escaped(packageVersion)} \\(base: git commit [0-9a-f]{7,} "Initial commit from log-lambda"\\)$`, 'm'),
    );
    // Its tests ran on vitest; projects have tested with Node.js's test runner since.
    expect(stderr).toMatch(/^ {2}removed +vitest\.config\.ts$/m);
    expect(stderr).toContain('Dry run: nothing was written.');
    expect(worktree(project)).toEqual(before);
  });

  it('0.1.0 outside git: no base to be found, one line naming --base, nothing changed, exit 1', () => {
    const project = projectOfRelease('0.1.0', tempFolder(), { git: false });
    linkProjectTypeScript(project);
    const before = tree(project);
    const result = createFails(['--upgrade', '--yes', '--skip-install'], project);
    expect(errorLines(result)).toEqual([
      `directory: ${project} has no .log-lambda/base.json, and it is not in a git repository: the upgrade needs the files log-lambda 0.1.0 generated, to tell your changes from its own (pass --base <commit>: a commit whose files under this folder are the project as log-lambda generated it)`,
    ]);
    expect(tree(project)).toEqual(before);
  });

  it('0.2.0: reads the base from .log-lambda/base.json, and records the current version and its files as the next one', () => {
    const project = projectOfRelease('0.2.0', tempFolder());
    linkProjectTypeScript(project);
    const { stderr } = create(['--upgrade', '--yes', '--skip-install'], project);
    expect(stderr).toMatch(new RegExp(`^Upgrading my-app from log-lambda 0\\.2\\.0 to ${escaped(packageVersion)} \\(base: \\.log-lambda/base\\.json\\)$`, 'm'));
    expect(settingsOf(project)['generatorVersion']).toBe(packageVersion);
    expect((JSON.parse(readFileSync(path.join(project, RECORD), 'utf8')) as { generatorVersion: string }).generatorVersion).toBe(packageVersion);
  });
});
