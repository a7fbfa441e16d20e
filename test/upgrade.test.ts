/**
 * `yo log-lambda:upgrade` on projects made by "older versions": a project the current app
 * generator made, rewritten as an earlier version would have generated it (its files and its
 * base record alike), committed, then edited by hand. The end-to-end test does the same with the
 * real 0.1.0 (test/e2e/upgrade.e2e.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runApp, runFilter, runUpgrade, yoFailure } from './support/generators.js';
import { isUserFile, managedHeader } from '@log-lambda/shared';
import { settingsOf, subscriptionsIn } from './support/project.js';
import { projectOfRelease } from './support/release-fixture.js';

const packageVersion = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const RECORD = '.log-lambda/base.json';

// Commits need an identity; the tests' own, for this file's process only. And no package manager
// running us (pnpm test sets npm_config_user_agent): the next steps then name npm, as for a user.
const identity = { GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' };
const userAgent = process.env['npm_config_user_agent'];
beforeAll(() => {
  Object.assign(process.env, identity);
  delete process.env['npm_config_user_agent'];
});
afterAll(() => {
  for (const key of Object.keys(identity)) delete process.env[key];
  if (userAgent !== undefined) process.env['npm_config_user_agent'] = userAgent;
});

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

function commitAll(cwd: string, message: string): void {
  git(cwd, 'add', '--all');
  git(cwd, 'commit', '--quiet', '--message', message);
}

const read = (project: string, file: string) => readFileSync(path.join(project, file), 'utf8');
const write = (project: string, file: string, text: string) => {
  mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
  writeFileSync(path.join(project, file), text);
};
const edit = (project: string, file: string, change: (text: string) => string) => write(project, file, change(read(project, file)));

/** Every file of `folder` but .git and node_modules, with its bytes, to compare before and after. */
function files(folder: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
      .filter((file) => !/^(\.git|node_modules)([/\\]|$)/.test(file))
      .sort()
      .map((file) => [file, readFileSync(path.join(folder, file)).toString('latin1')]),
  );
}

/** A project the current generator makes in a fresh folder (the app, then any filters), as a git repository. */
async function generate(filters: Array<Record<string, unknown>> = []): Promise<string> {
  const app = await runApp({ 'project-name': 'my-app', 'log-group': '/aws/lambda/versions' }, []);
  // Out of yeoman-test's temporary folder, which its next run removes.
  const project = path.join(mkdtempSync(path.join(tmpdir(), 'upgrade-test-')), 'my-app');
  cpSync(app.cwd, project, { recursive: true });
  for (const filter of filters) await runFilter(project, filter);
  return project;
}

/**
 * Rewrites the project as log-lambda `version` would have generated it: per file, `old` gives
 * that version's text from the current one (undefined: it did not generate the file); `retired`
 * are files only it generated. The files and the base record change alike, as they would have
 * been written; then it is committed.
 */
function asIfMadeBy(project: string, version: string, old: Record<string, (text: string) => string | undefined>, retired: Record<string, string> = {}): void {
  const record = JSON.parse(read(project, RECORD)) as { generatorVersion: string; files: Record<string, string> };
  for (const [file, change] of Object.entries(old)) {
    const text = change(record.files[file]!);
    if (text === undefined) {
      delete record.files[file];
      rmSync(path.join(project, file));
    } else {
      record.files[file] = text;
      write(project, file, text);
    }
  }
  for (const [file, text] of Object.entries(retired)) {
    record.files[file] = text;
    write(project, file, text);
  }
  record.generatorVersion = version;
  write(project, RECORD, `${JSON.stringify(record, null, 2)}\n`);
  edit(project, '.yo-rc.json', (text) => text.replace(`"generatorVersion": "${packageVersion}"`, `"generatorVersion": "${version}"`));
  if (!existsSync(path.join(project, '.git'))) git(project, 'init', '--quiet');
  commitAll(project, `Made by log-lambda ${version}`);
}

/** What 0.1.9 "generated": an older stack comment, no AGENTS.md, an older handler comment and pin, a file since retired. */
const older = {
  'lib/my-app-stack.ts': (text: string) =>
    text.replace('// replaces an existing filter (a replacement would hit the per-group quota mid-deploy).', '// replaces an existing filter.'),
  'AGENTS.md': () => undefined,
  'src/log-lambda/handler.ts': (text: string) =>
    text.replace(' * `processBatch` with every batch of log events, and returns the batch.', ' * `processBatch` with each batch, and returns it.'),
  'package.json': (text: string) => text.replace(/"aws-cdk-lib": "[^"]+"/, '"aws-cdk-lib": "2.100.0"'),
} as const;
const retired = { 'lib/legacy.ts': 'export const legacy = true;\n', 'test/legacy.test.ts': "import { it } from 'vitest';\n\nit('works', () => {});\n" };

/** The user's edits on top of that. */
const myFunction = '\n/** Mine: counts the errors in a batch. */\nexport const countErrors = (messages: string[]) => messages.filter((m) => m.includes("ERROR")).length;\n';
function editByHand(project: string): void {
  edit(project, 'src/log-lambda/handler.ts', (text) => `${text}${myFunction}`);
  edit(project, 'package.json', (text) => text.replace(/("test": "[^"]+",)/, '$1\n    "lint": "tsc --noEmit",').replace('"constructs": ', '"zod": "4.1.0",\n    "constructs": '));
  edit(project, 'test/legacy.test.ts', (text) => `${text}// I use this\n`);
  edit(project, 'local/log-lambda/filter-pattern.ts', (text) => `${text}// my hack\n`);
  commitAll(project, 'My changes');
}

describe('yo log-lambda:upgrade: a project of an older version, edited by hand', () => {
  let project: string;
  let fresh: string;
  const logged: string[] = [];

  beforeAll(async () => {
    // The project: made by "0.1.9" with one filter, a second filter added with yo log-lambda:filter, edited.
    project = await generate();
    asIfMadeBy(project, '0.1.9', older, retired);
    await runFilter(project, { 'log-group': '/app/api', 'filter-pattern': '{ $.level = "ERROR" }', 'create-log-group': true });
    commitAll(project, 'Second filter');
    editByHand(project);
    await runUpgrade(project, {}, [], logged);
    // What the current version makes for the same answers.
    fresh = await generate([{ 'log-group': '/app/api', 'filter-pattern': '{ $.level = "ERROR" }', 'create-log-group': true }]);
  });

  it('says what it does, file by file', () => {
    expect(logged.join('\n')).toMatchSnapshot();
  });

  it('makes every file the user did not touch byte for byte what the current version generates', () => {
    const mine = ['src/log-lambda/handler.ts', 'package.json', 'test/legacy.test.ts', RECORD];
    const upgraded = files(project);
    const expected = files(fresh);
    for (const file of mine) {
      delete upgraded[file];
      delete expected[file];
    }
    expect(upgraded).toEqual(expected);
  });

  it("keeps the user's edits, merged with the new version's", () => {
    const handler = read(project, 'src/log-lambda/handler.ts');
    expect(handler).toBe(`${read(fresh, 'src/log-lambda/handler.ts')}${myFunction}`);
    const pkg = JSON.parse(read(project, 'package.json')) as Record<string, Record<string, string>>;
    const newPins = JSON.parse(read(fresh, 'package.json')) as Record<string, Record<string, string>>;
    expect(pkg['dependencies']).toEqual({ ...newPins['dependencies'], zod: '4.1.0' });
    expect(pkg['devDependencies']).toEqual(newPins['devDependencies']);
    expect(pkg['scripts']).toEqual({ ...newPins['scripts'], lint: 'tsc --noEmit' });
    expect(Object.keys(pkg['scripts']!).slice(0, 2)).toEqual(['test', 'lint']);
  });

  it('removes a retired file the user never touched, keeps the one they changed', () => {
    expect(existsSync(path.join(project, 'lib/legacy.ts'))).toBe(false);
    expect(read(project, 'test/legacy.test.ts')).toBe(`${retired['test/legacy.test.ts']}// I use this\n`);
  });

  it('replaces the shipped modules, edits and all', () => {
    expect(read(project, 'local/log-lambda/filter-pattern.ts')).toBe(read(fresh, 'local/log-lambda/filter-pattern.ts'));
  });

  it('keeps both subscriptions, and records the new version and its output as the next base', () => {
    expect(subscriptionsIn(project).map((s) => s.name)).toEqual(['my-app-aws-lambda-versions', 'my-app-app-api']);
    // What marks the project only: its stack settings are in cdk.json's context.
    expect(settingsOf(project)).toEqual({ projectName: 'my-app', generatorVersion: packageVersion });
    expect(JSON.parse(read(project, 'cdk.json')).context).toMatchObject({ maxFiltersPerLogGroup: 2 });
    const record = JSON.parse(read(project, RECORD)) as { generatorVersion: string; files: Record<string, string> };
    expect(record.generatorVersion).toBe(packageVersion);
    expect(record.files['AGENTS.md']).toBe(read(project, 'AGENTS.md'));
    expect(record.files['src/log-lambda/handler.ts']).toBe(read(fresh, 'src/log-lambda/handler.ts'));
    expect(record.files['lib/legacy.ts']).toBeUndefined();
  });

  it('a second run finds nothing to do', async () => {
    commitAll(project, 'Upgraded');
    const again: string[] = [];
    const before = files(project);
    await runUpgrade(project, {}, [], again);
    expect(again.at(-1)).toBe(`Already up to date with log-lambda ${packageVersion}: nothing to change.`);
    expect(files(project)).toEqual(before);
  });
});

describe('yo log-lambda:upgrade: a subscription added to lib/subscriptions.ts by hand', () => {
  it('gets its row in the README and sample lines derived from its pattern; the hand-written entry stays as written', async () => {
    const project = await generate();
    asIfMadeBy(project, '0.1.9', older);
    const entry = "  { name: 'by-hand', logGroupName: '/app/manual', filterPattern: 'ERROR', createLogGroup: false }, // mine\n";
    edit(project, 'lib/subscriptions.ts', (text) => text.replace(/\];\n$/, `${entry}];\n`));
    commitAll(project, 'A subscription by hand');
    await runUpgrade(project);
    expect(read(project, 'lib/subscriptions.ts')).toContain(entry);
    expect(read(project, 'README.md')).toContain('- `by-hand`: the events that match `ERROR` of `/app/manual`, by a subscription filter');
    const lines = JSON.parse(read(project, 'test/fixtures/log-lines.json')) as Record<string, { forwarded: string[] }>;
    expect(Object.keys(lines)).toEqual(['my-app-aws-lambda-versions', 'by-hand']);
    expect(lines['by-hand']!.forwarded[0]).toContain('ERROR');
  });
});

describe("yo log-lambda:upgrade: npm's package-lock.json", () => {
  /** The lock of an installed project on 0.1.9's pin, trimmed: aws-cdk-lib bundles a dependency, nests another, and the user added zod. */
  const lock = {
    name: 'my-app',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'my-app' },
      'node_modules/@aws-cdk/asset-awscli-v1': { version: '2.2.200' },
      'node_modules/aws-cdk-lib': { version: '2.100.0', bundleDependencies: ['semver'], dependencies: { '@aws-cdk/asset-awscli-v1': '^2.2.200', semver: '^7.5.4' } },
      'node_modules/aws-cdk-lib/node_modules/semver': { version: '7.5.4', inBundle: true },
      'node_modules/zod': { version: '4.1.0' },
    },
  };

  it('forgets what it had locked for the moved pins (aws-cdk-lib, its nested and its own dependencies), keeps the rest, says so', async () => {
    const project = await generate();
    asIfMadeBy(project, '0.1.9', older);
    write(project, 'package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
    commitAll(project, 'Installed');
    const logged: string[] = [];
    await runUpgrade(project, {}, [], logged);
    const after = JSON.parse(read(project, 'package-lock.json')) as typeof lock;
    expect(Object.keys(after.packages)).toEqual(['', 'node_modules/zod']);
    expect(logged).toContain('  package-lock.json: npm resolves aws-cdk-lib anew (their pins moved)');
  });

  it('leaves it alone when no pin moved, and when the project uses another package manager', async () => {
    const project = await generate();
    asIfMadeBy(project, '0.1.9', { ...older, 'package.json': (text: string) => text });
    write(project, 'package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
    commitAll(project, 'Installed');
    await runUpgrade(project);
    expect(read(project, 'package-lock.json')).toBe(`${JSON.stringify(lock, null, 2)}\n`);

    const other = await generate();
    asIfMadeBy(other, '0.1.9', older);
    write(other, 'package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
    commitAll(other, 'Installed');
    await runUpgrade(other, { 'package-manager': 'pnpm' });
    expect(read(other, 'package-lock.json')).toBe(`${JSON.stringify(lock, null, 2)}\n`);
  });
});

describe('yo log-lambda:upgrade: conflicts', () => {
  it('marks a line both the user and the new version changed, lists the file, fails, and still upgrades the rest', async () => {
    const project = await generate();
    asIfMadeBy(project, '0.1.9', older);
    edit(project, 'src/log-lambda/handler.ts', (text) => text.replace(' * `processBatch` with each batch, and returns it.', ' * Mine: it forwards to our SIEM.'));
    commitAll(project, 'Mine');
    const logged: string[] = [];
    expect(await yoFailure(runUpgrade(project, {}, [], logged))).toBe(
      '1 file has conflicts to resolve: src/log-lambda/handler.ts. In each, keep what you want between <<<<<<< your version and >>>>>>> log-lambda …, and delete the markers.',
    );
    expect(read(project, 'src/log-lambda/handler.ts')).toContain(
      [
        '<<<<<<< your version',
        ' * Mine: it forwards to our SIEM.',
        '||||||| log-lambda 0.1.9',
        ' * `processBatch` with each batch, and returns it.',
        '=======',
        ' * `processBatch` with every batch of log events, and returns the batch.',
        '>>>>>>> log-lambda 0.2.0',
      ].join('\n'),
    );
    expect(logged).toContain('  conflicted  src/log-lambda/handler.ts (1 conflict)');
    expect(logged.join('\n')).toMatch(
      /Resolve the conflicts in src\/log-lambda\/handler\.ts \(search for <<<<<<<\), then run:\n\n {2}git diff .*\n {2}npm install\n {2}npm test\n {2}npm run synth/,
    );
    // Everything else was upgraded.
    expect(existsSync(path.join(project, 'AGENTS.md'))).toBe(true);
    expect(settingsOf(project)['generatorVersion']).toBe(packageVersion);
  });

  it('refuses to merge again into a file that still holds conflict markers', async () => {
    const project = await generate();
    asIfMadeBy(project, '0.1.9', older);
    edit(project, 'src/log-lambda/handler.ts', (text) => `<<<<<<< your version\n${text}=======\n>>>>>>> log-lambda 0.1.9\n`);
    commitAll(project, 'Left unresolved');
    const before = files(project);
    expect(await yoFailure(runUpgrade(project))).toMatch(
      /^src\/log-lambda\/handler\.ts: still holds conflict markers \(<<<<<<< … >>>>>>>\) from an earlier merge; nothing was changed \(resolve them and commit, then upgrade\)$/,
    );
    expect(files(project)).toEqual(before);
  });
});

describe('yo log-lambda:upgrade: what it asks and what it refuses', () => {
  let project: string;
  beforeAll(async () => {
    project = await generate();
    asIfMadeBy(project, '0.1.9', older);
  });

  it('--dry-run prints the plan and writes nothing', async () => {
    const before = files(project);
    const logged: string[] = [];
    await runUpgrade(project, { 'dry-run': true }, [], logged);
    expect(logged).toContain('  added       AGENTS.md');
    expect(logged).toContain('  updated     lib/my-app-stack.ts');
    expect(logged.at(-1)).toBe('Dry run: nothing was written.');
    expect(files(project)).toEqual(before);
  });

  it('with a terminal: asks before writing; "no" writes nothing', async () => {
    const before = files(project);
    const logged: string[] = [];
    await runUpgrade(project, { interactive: true }, [], logged).withAnswers({ yes: false });
    expect(logged.at(-1)).toBe('Nothing was written.');
    expect(files(project)).toEqual(before);
  });

  it('with a terminal: "yes" writes', async () => {
    const other = await generate();
    asIfMadeBy(other, '0.1.9', older);
    await runUpgrade(other, { interactive: true }).withAnswers({ yes: true });
    expect(existsSync(path.join(other, 'AGENTS.md'))).toBe(true);
  });

  it('refuses uncommitted changes, naming them, unless --allow-dirty', async () => {
    write(project, 'notes.txt', 'wip\n');
    edit(project, 'src/log-lambda/log.ts', (text) => `${text}// wip\n`);
    const before = files(project);
    expect(await yoFailure(runUpgrade(project))).toMatch(
      `--allow-dirty: ${project} has uncommitted changes (src/log-lambda/log.ts, notes.txt); the upgrade would mix its changes with yours (commit or stash them first, so that git diff shows exactly what the upgrade did, or pass --allow-dirty)`,
    );
    expect(files(project)).toEqual(before);
    await runUpgrade(project, { 'allow-dirty': true, 'dry-run': true });
    git(project, 'checkout', '--', '.');
    rmSync(path.join(project, 'notes.txt'));
  });

  it('refuses a project made by a newer version', async () => {
    const newer = await generate();
    edit(newer, '.yo-rc.json', (text) => text.replace(`"generatorVersion": "${packageVersion}"`, '"generatorVersion": "9.0.0"'));
    expect(await yoFailure(runUpgrade(newer, { 'allow-dirty': true }))).toMatch(
      `directory: ${newer} was made or last upgraded by log-lambda 9.0.0, newer than this one (${packageVersion}); an older version would take its changes back (run the newer one: npm create log-lambda@latest -- --upgrade)`,
    );
  });

  it('refuses a folder that is not a project, pointing at the root from inside one', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'not-a-project-'));
    expect(await yoFailure(runUpgrade(empty))).toMatch(
      `directory: ${empty} is not the root of a log-lambda project (no .yo-rc.json) (run it in the folder made by npm create log-lambda or yo log-lambda, where .yo-rc.json is)`,
    );
    expect(readdirSync(empty)).toEqual([]);
    expect(await yoFailure(runUpgrade(path.join(project, 'lib')))).toMatch(`is not the root of a log-lambda project (no .yo-rc.json) (run it in ${project})`);
    expect(await yoFailure(runUpgrade(project, {}, ['no-such-folder']))).toMatch(`directory: ${path.join(project, 'no-such-folder')} does not exist`);
    expect(existsSync(path.join(project, 'no-such-folder'))).toBe(false);
  });

  it('without a base record or git history: says what is missing and what to pass', async () => {
    const bare = await generate();
    rmSync(path.join(bare, RECORD));
    rmSync(path.join(bare, '.git'), { recursive: true, force: true });
    expect(await yoFailure(runUpgrade(bare))).toMatch(
      `directory: ${bare} has no ${RECORD}, and it is not in a git repository: the upgrade needs the files log-lambda ${packageVersion} generated, to tell your changes from its own (pass --base <commit>: a commit whose files under this folder are the project as log-lambda generated it)`,
    );
    expect(await yoFailure(runUpgrade(bare, { base: 'HEAD' }))).toMatch(/^--base: .* is not in a git work tree/);
  });

  it('refuses an unknown --package-manager before writing', async () => {
    const before = files(project);
    expect(await yoFailure(runUpgrade(project, { 'package-manager': 'pip' }))).toMatch(/^--package-manager: "pip" is not one of npm, pnpm, yarn, bun/);
    expect(files(project)).toEqual(before);
  });

  it('--base must name a commit', async () => {
    expect(await yoFailure(runUpgrade(project, { base: 'no-such-branch' }))).toMatch(
      '--base: "no-such-branch" is not a commit of this repository (name one by its id, a tag or a branch; git log --oneline lists them)',
    );
  });
});

describe('yo log-lambda:upgrade: a project made by 0.1.0 (no base record)', () => {
  /** The vitest.config.ts 0.1.0 generated; projects test with node:test since. */
  const vitestConfig010 = "import { defineConfig } from 'vitest/config';\n\nexport default defineConfig({\n  test: {\n    pool: 'threads',\n  },\n});\n";

  /**
   * As 0.1.0 left it: no base record, no generatorVersion, the subscriptions in .yo-rc.json too,
   * its vitest.config.ts, and its first commit.
   */
  async function made010(inside?: string): Promise<{ project: string; repository: string }> {
    const generated = await generate();
    let project = generated;
    let repository = generated;
    if (inside) {
      // A monorepo: the project lives in a folder of a bigger repository.
      repository = mkdtempSync(path.join(tmpdir(), 'monorepo-'));
      project = path.join(repository, inside);
      mkdirSync(path.dirname(project), { recursive: true });
      cpSync(generated, project, { recursive: true });
      write(repository, 'README.md', '# monorepo\n');
    }
    rmSync(path.join(project, '.log-lambda'), { recursive: true });
    edit(project, 'lib/my-app-stack.ts', older['lib/my-app-stack.ts']);
    rmSync(path.join(project, 'AGENTS.md'));
    const settings = settingsOf(project);
    delete settings['generatorVersion'];
    write(project, '.yo-rc.json', `${JSON.stringify({ 'generator-log-lambda': { ...settings, subscriptions: subscriptionsIn(project) } }, null, 2)}\n`);
    write(project, 'vitest.config.ts', vitestConfig010);
    git(repository, 'init', '--quiet');
    commitAll(repository, inside ? 'Add my-app' : 'Initial commit from log-lambda');
    edit(project, 'src/log-lambda/handler.ts', (text) => `${text}${myFunction}`);
    commitAll(repository, 'Mine');
    return { project, repository };
  }

  it('takes the tree of "Initial commit from log-lambda" as the base', async () => {
    const { project } = await made010();
    const logged: string[] = [];
    await runUpgrade(project, {}, [], logged);
    expect(logged[0]).toMatch(/^Upgrading .* from log-lambda 0\.1\.0 to 0\.2\.0 \(base: git commit [0-9a-f]{7,} "Initial commit from log-lambda"\)$/);
    expect(logged).toEqual(expect.arrayContaining(['  added       AGENTS.md', '  updated     lib/my-app-stack.ts', '  removed     vitest.config.ts']));
    expect(existsSync(path.join(project, 'vitest.config.ts'))).toBe(false);
    expect(read(project, 'src/log-lambda/handler.ts').endsWith(myFunction)).toBe(true);
    // What marks the project, with the version; the stale list and settings are gone. And now a base record.
    expect(JSON.parse(read(project, '.yo-rc.json'))).toEqual({ 'generator-log-lambda': { projectName: 'my-app', generatorVersion: packageVersion } });
    expect(existsSync(path.join(project, RECORD))).toBe(true);
  });

  it('in a monorepo folder, with --base <commit>: only that folder, and only the files log-lambda generates', async () => {
    const { project, repository } = await made010('apps/my-app');
    expect(await yoFailure(runUpgrade(project))).toMatch(/has no \.log-lambda\/base\.json, and its git history has no commit "Initial commit from log-lambda"/);
    const logged: string[] = [];
    await runUpgrade(project, { base: 'HEAD~1' }, [], logged);
    expect(logged[0]).toMatch(/\(base: git commit [0-9a-f]+ "Add my-app"\)$/);
    expect(read(project, 'src/log-lambda/handler.ts').endsWith(myFunction)).toBe(true);
    expect(read(repository, 'README.md')).toBe('# monorepo\n');
    expect(git(repository, 'status', '--porcelain')).toBe(
      ' M apps/my-app/.yo-rc.json\n M apps/my-app/lib/my-app-stack.ts\n D apps/my-app/vitest.config.ts\n?? apps/my-app/.log-lambda/\n?? apps/my-app/AGENTS.md\n',
    );
  });

  it('keeps a file 0.1.0 generated and the current version does not, when the user changed it, and says so', async () => {
    const { project } = await made010();
    edit(project, 'vitest.config.ts', (text) => text.replace("pool: 'threads'", "pool: 'forks'"));
    commitAll(project, 'My vitest settings');
    const logged: string[] = [];
    await runUpgrade(project, {}, [], logged);
    expect(logged).toContain(`  kept        vitest.config.ts: log-lambda ${packageVersion} no longer generates it, and you changed it`);
    expect(read(project, 'vitest.config.ts')).toBe(vitestConfig010.replace("pool: 'threads'", "pool: 'forks'"));
  });
});

describe('yo log-lambda:upgrade: install, and all or nothing', () => {
  /** Fake package managers first on PATH: each notes where it ran, and exits with `code`. */
  function fakePackageManagers(code = 0): { calls: () => string[]; restore: () => void } {
    const bin = mkdtempSync(path.join(tmpdir(), 'fake-pm-'));
    const log = path.join(bin, 'calls.log');
    for (const pm of ['npm', 'pnpm']) {
      writeFileSync(path.join(bin, pm), `#!/bin/sh\necho "${pm} $* in $PWD" >> "${log}"\nexit ${code}\n`);
      chmodSync(path.join(bin, pm), 0o755);
    }
    const original = process.env['PATH'];
    process.env['PATH'] = `${bin}${path.delimiter}${original}`;
    return {
      calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []),
      restore: () => {
        process.env['PATH'] = original;
        rmSync(bin, { recursive: true, force: true });
      },
    };
  }

  it("installs with the package manager of the project's lock file, in the project", async () => {
    const project = await generate();
    asIfMadeBy(project, '0.1.9', older);
    write(project, 'pnpm-lock.yaml', "lockfileVersion: '9.0'\n");
    commitAll(project, 'Installed with pnpm');
    const fake = fakePackageManagers();
    try {
      const logged: string[] = [];
      await runUpgrade(project, { 'skip-install': false }, [], logged);
      expect(fake.calls()).toEqual([`pnpm install in ${project}`]);
      expect(logged.join('\n')).toMatch(/Now run:\n\n {2}git diff .*\n {2}pnpm test\n {2}pnpm run synth\n$/);
    } finally {
      fake.restore();
    }
  });

  it('puts every file back when writing fails half-way', async () => {
    const project = await generate();
    asIfMadeBy(project, '0.1.9', older);
    // The base record's folder is a file now: the upgrade's write there fails after the others.
    const base = git(project, 'rev-parse', 'HEAD').trim();
    rmSync(path.join(project, '.log-lambda'), { recursive: true });
    write(project, '.log-lambda', 'in the way\n');
    const before = files(project);
    expect(await yoFailure(runUpgrade(project, { base, 'allow-dirty': true }))).toMatch(/^\.log-lambda: is a file where log-lambda needs a folder; nothing was changed/);
    expect(files(project)).toEqual(before);
  });
});

describe('yo log-lambda:upgrade: the stack settings 0.2.0 kept in .yo-rc.json', () => {
  it("moves them into cdk.json's context, where the stack reads them, and .yo-rc.json keeps what marks the project", async () => {
    const project = projectOfRelease('0.2.0', mkdtempSync(path.join(tmpdir(), 'upgrade-020-')));
    edit(project, '.yo-rc.json', (text) => {
      const rc = JSON.parse(text) as Record<string, Record<string, unknown>>;
      Object.assign(rc['generator-log-lambda']!, { maxFiltersPerLogGroup: 3, excludedLogGroups: ['/aws/lambda/noisy'] });
      return `${JSON.stringify(rc, null, 2)}\n`;
    });
    commitAll(project, 'My settings');
    await runUpgrade(project, {}, [], []);
    expect(settingsOf(project)).toEqual({ projectName: 'my-app', generatorVersion: packageVersion });
    expect(JSON.parse(read(project, 'cdk.json')).context).toMatchObject({ maxFiltersPerLogGroup: 3, excludedLogGroups: ['/aws/lambda/noisy'] });
  });
});

describe("yo log-lambda:upgrade: the user's own code apart from log-lambda's", () => {
  it('merges an upgrade that changes every managed file with no conflict, in a project whose user rewrote src/process.ts and its test', async () => {
    const project = await generate();
    const generated = Object.keys((JSON.parse(read(project, RECORD)) as { files: Record<string, string> }).files);
    const managed = generated.filter((file) => !isUserFile(file) && managedHeader(file) !== undefined);
    expect(managed).toEqual(expect.arrayContaining(['lib/my-app-stack.ts', 'src/log-lambda/handler.ts', 'local/log-lambda/invoke.ts', 'test/log-lambda/stack.test.ts']));
    // "0.1.9" generated every managed file with one more line.
    asIfMadeBy(project, '0.1.9', Object.fromEntries(managed.map((file) => [file, (text: string) => `${text}// 0.1.9\n`])));
    const mine = "// Mine: forwards each batch to our endpoint.\nexport async function processBatch(): Promise<void> {\n  await fetch('https://logs.example.com');\n}\n";
    write(project, 'src/process.ts', mine);
    write(project, 'test/process.test.ts', '// My tests.\n');
    commitAll(project, 'My processing');
    const logged: string[] = [];
    await runUpgrade(project, {}, [], logged);
    expect(logged.filter((line) => /conflict/.test(line))).toEqual([]);
    const record = JSON.parse(read(project, RECORD)) as { files: Record<string, string> };
    for (const file of managed) expect(read(project, file), file).toBe(record.files[file]);
    expect(read(project, 'src/process.ts')).toBe(mine);
    expect(read(project, 'test/process.test.ts')).toBe('// My tests.\n');
  });
});
