/**
 * The upgrade as users meet it, from the projects the landed releases made (test/fixtures/releases,
 * recorded by scripts/release-fixture.mjs): 0.1.0, which records no base and finds it in the
 * project's first commit, upgraded with `npm create log-lambda@latest -- --upgrade`; 0.2.0, which
 * records it in .log-lambda/base.json, upgraded with `yo log-lambda:upgrade`. Each has the first
 * commit its release made, is edited by hand and committed, then upgraded with the current build.
 *
 * What the current templates hold is not this file's business (they move): what must hold whatever
 * they hold is. Every file the user did not touch becomes what a new project of the current version
 * gets, byte for byte; a line the user wrote is still there, merged, or on the user's side of a
 * conflict block in a file the upgrade lists as conflicted; an edit where both versions agree merges
 * without one; an edit on a line the templates changed ends in conflict markers, the list of files
 * and a non-zero exit; and the project installs, type-checks, tests and synthesizes (after taking
 * log-lambda's side of any conflict).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { create, createFails, errorLines, userEnv } from '../support/create-cli.js';
import { linkProjectTypeScript, passedTests, resourcesOf, synthesizedTemplate } from '../support/project.js';
import { projectOfRelease, releaseFixture, type Release } from '../support/release-fixture.js';
import { run } from '../support/run.js';
import { handToYoUser, installYo, type Yo } from '../support/yo.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const packageVersion = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
/** The sample lines per filter: test data the user extends, kept by the upgrade (see README, Upgrade). */
const SAMPLE_LINES = 'test/fixtures/log-lines.json';
/** A module of the user's own: no version of log-lambda generates it, no upgrade touches it. */
const OWN_FILE = 'src/mine.ts';
const ownModule =
  "/** Mine: how many messages mention ERROR. */\nexport function countErrors(messages: readonly string[]): number {\n  return messages.filter((message) => message.includes('ERROR')).length;\n}\n";

const workspace = mkdtempSync(path.join(tmpdir(), 'log-lambda-upgrade-e2e-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

/** The project `release` made, with its first commit, in a new folder of the workspace. */
function releaseProject(release: Release, folder: string): string {
  return projectOfRelease(release, path.join(workspace, folder));
}

/** A new project of the current version, for the answers the releases' projects were made with: what an upgraded one must match. */
function createFresh(): string {
  const { args } = releaseFixture('0.1.0');
  expect(releaseFixture('0.2.0').args).toEqual(args);
  const cwd = path.join(workspace, 'fresh');
  mkdirSync(cwd, { recursive: true });
  create([...args, '--no-git'], cwd);
  return path.join(cwd, args[0]!);
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

const read = (project: string, file: string) => readFileSync(path.join(project, file), 'utf8');

function commitAll(project: string, message: string): void {
  run('git', ['add', '--all'], project);
  run('git', ['commit', '--quiet', '--message', message], project, userEnv());
}

/** Installed, as a project one works on is, its lock file committed. */
function install(project: string): void {
  run('npm', ['install', '--no-audit', '--no-fund'], project);
  commitAll(project, 'Installed');
}

const lines = (text: string) => text.split(/(?<=\n)/);

/** The lines of a file a comment may go after: a statement's end or a block's start or end, outside any template literal. */
function endsAStatement(before: readonly string[], line: string): boolean {
  const backticks = before.join('').split('`').length - 1;
  return backticks % 2 === 0 && /(;|\{|\}|\},|\}\);|\]|\],)\n$/.test(line);
}

/**
 * A comment of the user's where both versions agree, so that the merge cannot clash with what the
 * templates changed: after a line and before the next that both versions have in a row, each of
 * them once in each file, in the first of `files` (TypeScript the user owns) where there is such
 * a place. Returns the file and the line, already written.
 */
function commentWhereBothAgree(project: string, fresh: string, files: readonly string[]): { file: string; line: string } {
  for (const file of files) {
    if (!existsSync(path.join(fresh, file))) continue;
    const [a, b] = [lines(read(project, file)), lines(read(fresh, file))];
    const once = (line: string) => a.indexOf(line) === a.lastIndexOf(line) && b.indexOf(line) === b.lastIndexOf(line);
    for (let i = a.length - 2; i > 0; i--) {
      const [previous, line, next] = [a[i - 1]!, a[i]!, a[i + 1]!];
      if (line.trim().length < 4 || next.trim().length < 4 || !once(line) || !once(next) || !endsAStatement(a.slice(0, i), line)) continue;
      const j = b.indexOf(line);
      if (j < 1 || b[j + 1] !== next || b[j - 1] !== previous) continue;
      const comment = `${/^\s*/.exec(next)![0]}// Mine: a note the upgrade must keep (${file}).\n`;
      writeFileSync(path.join(project, file), [...a.slice(0, i + 1), comment, ...a.slice(i + 1)].join(''));
      return { file, line: comment };
    }
  }
  throw new Error(`no place where the release and log-lambda ${packageVersion} agree in ${files.join(', ')}`);
}

/** The TypeScript files of a project the user owns and the current templates also generate: the handler first. */
function usersTypeScript(project: string, fresh: string): string[] {
  const files = Object.keys(projectFiles(project)).filter(
    (file) => /^(src|lib|bin|test)\/.*\.ts$/.test(file) && file !== 'lib/subscriptions.ts' && existsSync(path.join(fresh, file)),
  );
  return ['src/handler.ts', ...files.filter((file) => file !== 'src/handler.ts')];
}

/** The first line of a file that the current templates no longer have, in the first file that has one. */
function lineTheTemplatesChanged(project: string, fresh: string): { file: string; line: string } {
  const candidates = ['lib/my-app-stack.ts', 'test/stack.test.ts', 'src/handler.ts', 'README.md', ...Object.keys(projectFiles(project))];
  for (const file of candidates) {
    if (!existsSync(path.join(project, file)) || !existsSync(path.join(fresh, file)) || file.startsWith('local/') || file === '.yo-rc.json') continue;
    const now = new Set(lines(read(fresh, file)));
    const line = lines(read(project, file)).find((l) => l.trim().length > 3 && !now.has(l));
    if (line) return { file, line };
  }
  throw new Error(`log-lambda ${packageVersion} changed no line of the release's project`);
}

/** The conflict blocks of a file (diff3 style): the user's side and log-lambda's. */
const CONFLICT_BLOCK = /^<{7} your version\n([\s\S]*?)^\|{7} log-lambda [^\n]*\n[\s\S]*?^={7}\n([\s\S]*?)^>{7} log-lambda [^\n]*\n/gm;
const ANY_MARKER = /^(<{7}|>{7}|\|{7})( |$)/m;

/** The file with each conflict resolved the way the user may always resolve it: log-lambda's side. */
const takeLogLambdasSide = (text: string) => text.replace(CONFLICT_BLOCK, (_block, _yours: string, theirs: string) => theirs);

/** Where a line of the user's ended: merged into the file, on their side of a conflict block, or nowhere. */
function whereIs(text: string, line: string): 'merged' | 'in a conflict' | 'lost' {
  if (takeLogLambdasSide(text).includes(line)) return 'merged';
  return [...text.matchAll(CONFLICT_BLOCK)].some(([, yours]) => yours!.includes(line)) ? 'in a conflict' : 'lost';
}

/** The files of the plan an upgrade printed, by what it did to them (`  conflicted  lib/x.ts (1 conflict)`). */
function plannedActions(output: string): Map<string, string> {
  return new Map([...output.matchAll(/^ {2}(added|updated|merged|conflicted|replaced|removed|kept) +([^\s:]+)/gm)].map(([, action, file]) => [file!, action!]));
}

/** What the user must find, whatever the templates did: each file they did not touch is a new project's. */
function expectUntouchedFilesNew(upgraded: string, fresh: string, touched: readonly string[]): void {
  const [mine, theirs] = [projectFiles(upgraded), projectFiles(fresh)];
  for (const file of touched) {
    delete mine[file];
    delete theirs[file];
  }
  expect(Object.keys(mine)).toEqual(Object.keys(theirs));
  for (const file of Object.keys(theirs)) expect(mine[file], file).toBe(theirs[file]);
}

/** The project's own checks, a user's first steps after an upgrade: type-check, tests, synth (its one filter). */
function expectGreen(project: string): void {
  run('npm', ['run', 'typecheck'], project);
  expect(passedTests(run('npm', ['test'], project).output)).toBeGreaterThan(0);
  run('npx', ['cdk', 'synth', '--quiet', '--no-notices'], project);
  expect(resourcesOf(synthesizedTemplate(project), 'AWS::Logs::SubscriptionFilter').map((filter) => filter['FilterName'])).toEqual(['my-app-aws-lambda-versions']);
}

let fresh: string;
beforeAll(() => {
  fresh = createFresh();
});

describe('a 0.1.0 project, edited and committed, upgraded with npm create log-lambda -- --upgrade', () => {
  let project: string;
  let edit: { file: string; line: string };
  let sampleLines: string;
  let output: string;

  beforeAll(() => {
    project = releaseProject('0.1.0', 'clean');
    expect(run('git', ['log', '--format=%s'], project).stdout).toBe('Initial commit from log-lambda\n');
    // Installed: the upgrade reads lib/subscriptions.ts with the project's own TypeScript
    // (create-log-lambda does not carry one).
    install(project);
    sampleLines = read(project, SAMPLE_LINES);
    edit = commentWhereBothAgree(project, fresh, usersTypeScript(project, fresh));
    writeFileSync(path.join(project, OWN_FILE), ownModule);
    commitAll(project, 'My processing');
    // With the install: the upgraded project must install from its new package.json.
    output = create(['--upgrade', '--yes'], project).output;
  });

  it('finds its base in the first commit, says so, and upgrades without a conflict', () => {
    expect(output).toMatch(
      new RegExp(`^Upgrading my-app from log-lambda 0\\.1\\.0 to ${packageVersion.replace(/\./g, '\\.')} \\(base: git commit [0-9a-f]+ "Initial commit from log-lambda"\\)$`, 'm'),
    );
    expect(output).toContain(`Upgraded to log-lambda ${packageVersion}`);
    expect([...plannedActions(output).values()]).not.toContain('conflicted');
  });

  it('makes every file the user did not touch byte for byte what a new project gets', () => {
    expectUntouchedFilesNew(project, fresh, [edit.file, OWN_FILE, SAMPLE_LINES]);
  });

  it("keeps the user's edit where both versions agree, their own module, and leaves no conflict marker anywhere", () => {
    const text = read(project, edit.file);
    expect(text).toContain(edit.line);
    expect(text.replace(edit.line, '')).toBe(read(fresh, edit.file));
    expect(read(project, OWN_FILE)).toBe(ownModule);
    for (const [file, contents] of Object.entries(projectFiles(project))) expect(contents, file).not.toMatch(ANY_MARKER);
  });

  it("moves the tests from vitest to Node.js's test runner: vitest.config.ts removed, vitest no longer a dependency", () => {
    expect(plannedActions(output).get('vitest.config.ts')).toBe('removed');
    expect(existsSync(path.join(project, 'vitest.config.ts'))).toBe(false);
    const pkg = JSON.parse(read(project, 'package.json')) as { scripts: Record<string, string>; devDependencies: Record<string, string> };
    expect(pkg.devDependencies).not.toHaveProperty('vitest');
    expect(pkg.scripts['test']).not.toContain('vitest');
  });

  it("keeps the sample log lines, the user's test data, as the project had them", () => {
    expect(read(project, SAMPLE_LINES)).toBe(sampleLines);
  });

  it('installs (done by the upgrade), type-checks, passes its tests and synthesizes', () => {
    expect(existsSync(path.join(project, 'node_modules/aws-cdk-lib/package.json'))).toBe(true);
    expectGreen(project);
  });

  it('leaves a lock file npm ci installs from scratch into a working project (npm, moving aws-cdk-lib, once lost a dependency there)', () => {
    rmSync(path.join(project, 'node_modules'), { recursive: true, force: true });
    run('npm', ['ci', '--no-audit', '--no-fund'], project);
    passedTests(run('npm', ['test'], project).output);
  });
});

describe('a 0.1.0 project with an edit on a line the templates also changed', () => {
  it('gets conflict markers there, the list of conflicted files and a non-zero exit; the rest is upgraded', () => {
    const project = releaseProject('0.1.0', 'conflict');
    // Its TypeScript, which the upgrade reads lib/subscriptions.ts with, counts as installed (the
    // install itself is tested above).
    linkProjectTypeScript(project);
    const { file, line } = lineTheTemplatesChanged(project, fresh);
    const mine = line.replace(/\r?\n$/, '') + ' // changed by me\n';
    writeFileSync(path.join(project, file), read(project, file).replace(line, mine));
    commitAll(project, 'Mine');

    const result = createFails(['--upgrade', '--yes', '--skip-install'], project);
    expect(result.status).toBe(1);
    expect(plannedActions(result.output).get(file)).toBe('conflicted');
    expect(errorLines(result).at(-1)).toMatch(
      new RegExp(`^\\d+ files? ha(s|ve) conflicts to resolve: (.+, )?${file.replace(/[.]/g, '\\.')}(, .+)?\\. In each, keep what you want`),
    );
    const text = read(project, file);
    expect(whereIs(text, mine)).toBe('in a conflict');
    // The user's only change was in the conflict: on log-lambda's side, the file is a new project's.
    expect(takeLogLambdasSide(text)).toBe(read(fresh, file));
    expect(text).toContain(`||||||| log-lambda 0.1.0\n`);
    expect(text).toContain(`>>>>>>> log-lambda ${packageVersion}\n`);
    // Everything else was written: the version, the next base, the new files.
    expect(JSON.parse(read(project, '.yo-rc.json'))['generator-log-lambda'].generatorVersion).toBe(packageVersion);
    expect(existsSync(path.join(project, '.log-lambda/base.json'))).toBe(true);
  });
});

describe('a 0.2.0 project whose processing the user changed, upgraded with yo log-lambda:upgrade', () => {
  /** Where a 0.2.0 user processes events: the echo function of src/handler.ts, which says to replace it. */
  const PROCESSING = { file: 'src/handler.ts', after: '  const lines = writeEventLines(logs, context.awsRequestId);\n' };
  const processingLine = "  const errors = logEvents.filter((event) => event.message.includes('ERROR')).length; // Mine\n";
  let yo: Yo;
  let project: string;
  let edit: { file: string; line: string };
  let dryRun: string;
  let output: string;
  let planned: Map<string, string>;

  beforeAll(() => {
    // The packed generator: dist/, as `pnpm build` left it (`pnpm test` builds first).
    yo = installYo(workspace);
    project = releaseProject('0.2.0', 'yo-user');
    install(project);
    const handler = read(project, PROCESSING.file);
    expect(handler).toContain(PROCESSING.after);
    writeFileSync(path.join(project, PROCESSING.file), handler.replace(PROCESSING.after, `${PROCESSING.after}${processingLine}`));
    // Not beside the processing edit: two edits in a row could clash as one.
    edit = commentWhereBothAgree(
      project,
      fresh,
      usersTypeScript(project, fresh).filter((file) => file !== PROCESSING.file),
    );
    writeFileSync(path.join(project, OWN_FILE), ownModule);
    commitAll(project, 'My processing');
    // yo runs as its own user when the tests run as root; node_modules stays ours (the upgrade reads
    // it, and the install after it is ours to run).
    handToYoUser(path.dirname(project));
    // What it will do, then doing it: a conflict is an exit 1, which the plan says beforehand.
    dryRun = yo.run(['log-lambda:upgrade', '--dry-run'], project).output;
    const conflicts = [...plannedActions(dryRun).values()].includes('conflicted');
    const upgrade = ['log-lambda:upgrade', '--yes', '--skip-install'];
    output = (conflicts ? yo.fail(upgrade, project) : yo.run(upgrade, project)).output;
    planned = plannedActions(output);
  });

  it('finds its base in .log-lambda/base.json, and does what its dry run said', () => {
    expect(output).toMatch(new RegExp(`^Upgrading my-app from log-lambda 0\\.2\\.0 to ${packageVersion.replace(/\./g, '\\.')} \\(base: \\.log-lambda/base\\.json\\)$`, 'm'));
    expect(planned).toEqual(plannedActions(dryRun));
    expect(JSON.parse(read(project, '.yo-rc.json'))['generator-log-lambda'].generatorVersion).toBe(packageVersion);
  });

  it('makes every file the user did not touch byte for byte what a new project gets', () => {
    expectUntouchedFilesNew(project, fresh, [PROCESSING.file, edit.file, OWN_FILE, SAMPLE_LINES]);
  });

  it("keeps every line the user wrote: merged, or on the user's side of a conflict in a file it lists", () => {
    const handler = read(project, PROCESSING.file);
    const where = whereIs(handler, processingLine);
    expect(where).not.toBe('lost');
    if (where === 'in a conflict') expect(planned.get(PROCESSING.file)).toBe('conflicted');
    const text = read(project, edit.file);
    expect(text).toContain(edit.line);
    expect(text.replace(edit.line, '')).toBe(read(fresh, edit.file));
    expect(read(project, OWN_FILE)).toBe(ownModule);
    // Markers only where the upgrade says there are conflicts.
    for (const [file, contents] of Object.entries(projectFiles(project))) {
      if (ANY_MARKER.test(contents)) expect(planned.get(file), file).toBe('conflicted');
    }
  });

  it("installs, type-checks, passes its tests and synthesizes once each conflict takes log-lambda's side", () => {
    for (const [file, action] of planned) {
      if (action === 'conflicted') writeFileSync(path.join(project, file), takeLogLambdasSide(read(project, file)));
      // A file log-lambda no longer generates, which the user had changed: theirs to port; dropped here.
      if (action === 'kept') rmSync(path.join(project, file));
    }
    for (const [file, contents] of Object.entries(projectFiles(project))) expect(contents, file).not.toMatch(ANY_MARKER);
    // The next steps name npm (the project's lock file says so), the install first: it was skipped.
    if (!output.includes('Already up to date')) expect(output).toMatch(/^ {2}npm install$/m);
    run('npm', ['install', '--no-audit', '--no-fund'], project);
    expectGreen(project);
  });
});
