/**
 * The upgrade as a user meets it: a project made by the previous landed release (0.1.0, commit
 * 960fdc2, built here from that commit) with its own git history, edited by hand and committed,
 * then `npm create log-lambda@latest -- --upgrade` with the current build. Every file the user did
 * not touch must become what a new project of the current version gets, byte for byte; the edit
 * stays; the project installs, type-checks, tests and synthesizes. And an edit on a line the
 * templates also changed ends in conflict markers, the list of files, and a non-zero exit.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { create, createFails, errorLines, userEnv } from '../support/create-cli.js';
import { linkProjectTypeScript, passedTests } from '../support/project.js';
import { run } from '../support/run.js';

/** The previous landed release: generator 0.1.0, whose projects record no base and no version. */
const PREVIOUS_RELEASE = '960fdc2';
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const packageVersion = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
const answers = ['--log-group', '/aws/lambda/versions', '--yes'];
/** The sample lines per filter: test data the user extends, kept by the upgrade (see README, Upgrade). */
const SAMPLE_LINES = 'test/fixtures/log-lines.json';

const workspace = mkdtempSync(path.join(tmpdir(), 'log-lambda-upgrade-e2e-'));
const previous = path.join(workspace, 'previous-release');
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

/**
 * The previous release, built from its commit. `git archive` rather than `git worktree add`: the
 * same files, without registering a worktree in the repository other checkouts share (a test
 * stopped half-way would leave one behind).
 */
function buildPreviousRelease(): void {
  mkdirSync(previous);
  const exported = spawnSync('sh', ['-c', `git archive ${PREVIOUS_RELEASE} | tar -x -C "$0"`, previous], { cwd: repoRoot, encoding: 'utf8' });
  if (exported.status !== 0) throw new Error(`git archive ${PREVIOUS_RELEASE} failed (a shallow clone lacks it): ${exported.stderr}`);
  run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], previous);
  run('pnpm', ['build'], previous);
  run('pnpm', ['--filter', 'create-log-lambda', 'build'], previous);
}

/** `create-log-lambda` of the previous release, with git on (its first commit is the upgrade's base). */
function createWithPreviousRelease(cwd: string, folder: string): string {
  mkdirSync(cwd, { recursive: true });
  run(process.execPath, [path.join(previous, 'packages/create-log-lambda/dist/index.js'), folder, ...answers, '--skip-install'], cwd, userEnv());
  const project = path.join(cwd, folder);
  expect(JSON.parse(readFileSync(path.join(project, '.yo-rc.json'), 'utf8'))['generator-log-lambda']).not.toHaveProperty('generatorVersion');
  expect(run('git', ['log', '--format=%s'], project).stdout).toBe('Initial commit from log-lambda\n');
  return project;
}

/** A new project of the current version, for the same answers. */
function createFresh(cwd: string, folder: string): string {
  mkdirSync(cwd, { recursive: true });
  create([folder, ...answers, '--skip-install', '--no-git'], cwd);
  return path.join(cwd, folder);
}

/** Every file of a project (not .git, node_modules, lock files or cdk.out), with its bytes. */
function projectFiles(project: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(project, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(project, path.join(entry.parentPath, entry.name)))
      .filter((file) => !/^(\.git|node_modules|cdk\.out)([/\\]|$)/.test(file) && file !== 'package-lock.json')
      .sort()
      .map((file) => [file, readFileSync(path.join(project, file)).toString('latin1')]),
  );
}

function commitAll(project: string, message: string): void {
  run('git', ['commit', '--quiet', '--all', '--message', message], project, userEnv());
}

const lines = (text: string) => text.split(/(?<=\n)/);

/**
 * An edit to src/handler.ts where both versions agree, so that it cannot conflict whatever the
 * templates change elsewhere: a function of the user's at the end of the file when both versions
 * end alike, else a comment between three lines both versions have in a row, else a note above a
 * first line both share. Returns the edited old
 * text and what the upgraded file must then be (the new version with the same edit).
 */
function editBothAgreeOn(old: string, current: string): { edited: string; expected: string } {
  const mine = '\n/** Mine: the number of events that mention ERROR. */\nexport const countErrors = (messages: readonly string[]): number => messages.filter((m) => m.includes("ERROR")).length;\n';
  const [a, b] = [lines(old), lines(current)];
  if (a.slice(-2).join('') === b.slice(-2).join('')) return { edited: `${old}${mine}`, expected: `${current}${mine}` };
  const comment = '  // Mine: a note the upgrade must keep.\n';
  for (let i = a.length - 2; i > 0; i--) {
    const j = b.findIndex((line, k) => line === a[i] && b[k + 1] === a[i + 1] && b[k - 1] === a[i - 1]);
    if (j > 0) return { edited: [...a.slice(0, i + 1), comment, ...a.slice(i + 1)].join(''), expected: [...b.slice(0, j + 1), comment, ...b.slice(j + 1)].join('') };
  }
  // A note of the user's above the first line, when both versions start alike.
  const header = '// Mine: our team owns this handler.\n';
  if (a[0] === b[0]) return { edited: `${header}${old}`, expected: `${header}${current}` };
  throw new Error('src/handler.ts has no three lines in a row that both versions share, nor the same first line');
}

/** The first line of `file` that the current templates no longer have, in the first file that has one. */
function lineTheTemplatesChanged(project: string, fresh: string): { file: string; line: string } {
  const candidates = ['lib/my-app-stack.ts', 'test/stack.test.ts', 'src/handler.ts', 'README.md', ...Object.keys(projectFiles(project))];
  for (const file of candidates) {
    if (!existsSync(path.join(fresh, file)) || file.startsWith('local/') || file === '.yo-rc.json') continue;
    const now = new Set(lines(readFileSync(path.join(fresh, file), 'utf8')));
    const line = lines(readFileSync(path.join(project, file), 'utf8')).find((l) => l.trim().length > 3 && !now.has(l));
    if (line) return { file, line };
  }
  throw new Error(`log-lambda ${packageVersion} changed no line of a 0.1.0 project`);
}

/** A new project of the current version, for the same answers: what an upgraded one must match. */
let fresh: string;
beforeAll(() => {
  buildPreviousRelease();
  fresh = createFresh(path.join(workspace, 'fresh'), 'my-app');
});

describe('a 0.1.0 project, edited and committed, upgraded with npm create log-lambda -- --upgrade', () => {
  let project: string;
  let expectedHandler: string;
  let sampleLines: string;
  let output: string;

  beforeAll(() => {
    project = createWithPreviousRelease(path.join(workspace, 'clean'), 'my-app');
    // Installed, as a project one works on is: the upgrade reads lib/subscriptions.ts with the
    // project's own TypeScript (create-log-lambda does not carry one).
    run('npm', ['install', '--no-audit', '--no-fund'], project);
    run('git', ['add', 'package-lock.json'], project);
    sampleLines = readFileSync(path.join(project, SAMPLE_LINES), 'utf8');
    const handler = path.join(project, 'src/handler.ts');
    const { edited, expected } = editBothAgreeOn(readFileSync(handler, 'utf8'), readFileSync(path.join(fresh, 'src/handler.ts'), 'utf8'));
    writeFileSync(handler, edited);
    expectedHandler = expected;
    commitAll(project, 'My processing');
    // With the install: the upgraded project must install from its new package.json.
    output = create(['--upgrade', '--yes'], project).output;
  });

  it('says where the base came from and what it did', () => {
    expect(output).toMatch(/^Upgrading my-app from log-lambda 0\.1\.0 to \d+\.\d+\.\d+ \(base: git commit [0-9a-f]+ "Initial commit from log-lambda"\)$/m);
    expect(output).toContain(`Upgraded to log-lambda ${packageVersion}`);
    expect(output).not.toContain('conflicted');
  });

  it('makes every file the user did not touch byte for byte what a new project gets', () => {
    const upgraded = projectFiles(project);
    const expected = projectFiles(fresh);
    for (const file of ['src/handler.ts', SAMPLE_LINES]) {
      delete upgraded[file];
      delete expected[file];
    }
    expect(Object.keys(upgraded)).toEqual(Object.keys(expected));
    for (const file of Object.keys(expected)) expect(upgraded[file], file).toBe(expected[file]);
  });

  it("moves the tests from vitest to Node.js's test runner: vitest.config.ts removed, vitest no longer a dependency", () => {
    expect(output).toMatch(/^ {2}removed +vitest\.config\.ts$/m);
    expect(existsSync(path.join(project, 'vitest.config.ts'))).toBe(false);
    const pkg = JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8')) as { scripts: Record<string, string>; devDependencies: Record<string, string> };
    expect(pkg.devDependencies).not.toHaveProperty('vitest');
    expect(pkg.scripts['test']).toMatch(/^node --import tsx\/esm .*test\/run\.ts$/);
  });

  it("keeps the sample log lines, the user's test data, as the project had them", () => {
    // The same as a new project's, as long as log-lambda derives the same lines for the pattern.
    expect(readFileSync(path.join(project, SAMPLE_LINES), 'utf8')).toBe(sampleLines);
  });

  it("keeps the user's edit, and leaves no conflict marker anywhere", () => {
    expect(readFileSync(path.join(project, 'src/handler.ts'), 'utf8')).toBe(expectedHandler);
    for (const [file, text] of Object.entries(projectFiles(project))) expect(text, file).not.toMatch(/^(<{7}|>{7}|\|{7})( |$)/m);
  });

  it('installs (done by the upgrade), type-checks, passes its tests and synthesizes', () => {
    expect(existsSync(path.join(project, 'node_modules/aws-cdk-lib/package.json'))).toBe(true);
    run('npm', ['run', 'typecheck'], project);
    expect(passedTests(run('npm', ['test'], project).output)).toBeGreaterThan(90);
    run('npx', ['cdk', 'synth', '--quiet', '--no-notices'], project);
    const template = JSON.parse(readFileSync(path.join(project, 'cdk.out/MyAppStack.template.json'), 'utf8')) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    const filters = Object.values(template.Resources).filter((resource) => resource.Type === 'AWS::Logs::SubscriptionFilter');
    expect(filters.map((filter) => filter.Properties['FilterName'])).toEqual(['my-app-aws-lambda-versions']);
  });

  it('leaves a lock file npm ci installs from scratch into a working project (npm, moving aws-cdk-lib, once lost a dependency there)', () => {
    rmSync(path.join(project, 'node_modules'), { recursive: true, force: true });
    run('npm', ['ci', '--no-audit', '--no-fund'], project);
    expect(passedTests(run('npm', ['test'], project).output)).toBeGreaterThan(90);
  });
});

describe('a 0.1.0 project with an edit on a line the templates also changed', () => {
  it('gets conflict markers there, the list of conflicted files and a non-zero exit; the rest is upgraded', () => {
    const project = createWithPreviousRelease(path.join(workspace, 'conflict'), 'my-app');
    // Its TypeScript, which the upgrade reads lib/subscriptions.ts with, counts as installed (the
    // install itself is tested above).
    linkProjectTypeScript(project);
    const { file, line } = lineTheTemplatesChanged(project, fresh);
    const mine = line.replace(/\r?\n$/, '') + ' // changed by me\n';
    writeFileSync(path.join(project, file), readFileSync(path.join(project, file), 'utf8').replace(line, mine));
    commitAll(project, 'Mine');

    const result = createFails(['--upgrade', '--yes', '--skip-install'], project);
    expect(result.status).toBe(1);
    expect(result.output).toMatch(new RegExp(`^ {2}conflicted {2}${file.replace(/[.]/g, '\\.')} \\(\\d+ conflicts?\\)$`, 'm'));
    expect(errorLines(result).at(-1)).toMatch(new RegExp(`^\\d+ files? ha(s|ve) conflicts to resolve: (.+, )?${file.replace(/[.]/g, '\\.')}(, .+)?\\. In each, keep what you want`));
    const text = readFileSync(path.join(project, file), 'utf8');
    expect(text).toContain(`<<<<<<< your version\n`);
    expect(text).toContain(mine);
    expect(text).toContain(`||||||| log-lambda 0.1.0\n`);
    expect(text).toContain(`>>>>>>> log-lambda ${packageVersion}\n`);
    // Everything else was written: the version, the next base, the new files.
    expect(JSON.parse(readFileSync(path.join(project, '.yo-rc.json'), 'utf8'))['generator-log-lambda'].generatorVersion).toBe(packageVersion);
    expect(existsSync(path.join(project, '.log-lambda/base.json'))).toBe(true);
  });
});
