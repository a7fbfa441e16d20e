/**
 * Upgrade: brings a project made by an older log-lambda to the current templates, keeping the
 * user's edits. It renders the current templates from the project's settings and
 * lib/subscriptions.ts (theirs), and merges them three ways into the project's files (ours) from
 * what the old version generated (the base: .log-lambda/base.json, or for 0.1.0 projects the tree
 * of the "Initial commit from log-lambda", or --base <commit>). Everything is read and decided
 * before anything is written; the write is all or nothing. Both doors run this.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { readContained, refuseLinks } from '../contained.js';
import { InputError } from '../input-error.js';
import { UNRECORDED_GENERATOR_VERSION, type ProjectModel } from '../model.js';
import { cdCommand, checkPackageManager, runScript, type PackageManager } from '../package-manager.js';
import { STALE_YO_RC_KEYS } from '../project-file.js';
import { sampleLogLines } from '../sample-log-lines.js';
import { changedDependencies, forgetInNpmLock } from '../upgrade/npm-lock.js';
import { changesFiles, conflictedFiles, planUpgrade, type UpgradePlan, type UpgradeVersions } from '../upgrade/plan.js';
import { ConflictError, countChanges, describeChanges } from '../upgrade/report.js';
import { compareVersions } from '../version.js';
import { applyPlan, type Plan } from './apply.js';
import type { Door, LogLinesFile } from './door.js';
import { gitRepository, type GitRepository } from './git.js';
import { installInRun } from './install.js';
import { isWrittenOnce, LOG_LINES, readSettingsAt, readSubscriptionsFile, storedSettings, SUBSCRIPTIONS } from './project-context.js';
import { BASE_RECORD_PATH, baseRecordOf, YO_RC, yoRcWith } from './project-record.js';
import { runGuarded } from './run.js';
import { findBase } from './upgrade-base.js';
import { filesWithConflictMarkers, projectPackageManager, readProjectFiles } from './upgrade-project.js';

const NPM_LOCK = 'package-lock.json';

export interface UpgradeRequest {
  /** The directory argument, relative to door.cwd (default: door.cwd itself). */
  directory: string | undefined;
  flags: Readonly<Record<string, string | boolean | undefined>>;
}

export async function runUpgrade(door: Door, { directory, flags }: UpgradeRequest): Promise<void> {
  const target = path.resolve(door.cwd, directory ?? '.');
  checkProjectFolder(target);
  // What the run reads before the plan, and the folder itself: no link on the way (the one write rule).
  refuseLinks(target, [target, YO_RC, 'cdk.json', SUBSCRIPTIONS, LOG_LINES, NPM_LOCK, 'package.json', BASE_RECORD_PATH]);
  const settings = readSettingsAt(target, 'directory');
  const stored = storedSettings(target);
  const running = door.generatorVersion;
  const made = settings.generatorVersion ?? UNRECORDED_GENERATOR_VERSION;
  if (compareVersions(made, running) > 0) {
    throw new InputError(
      'directory',
      `${target} was made or last upgraded by log-lambda ${made}, newer than this one (${running}); an older version would take its changes back`,
      'run the newer one: npm create log-lambda@latest -- --upgrade',
    );
  }
  const packageManager = choosePackageManager(target, flags['package-manager']);
  const repository = gitRepository(target);
  refuseUncommittedChanges(target, repository, Boolean(flags['allow-dirty']));

  const model: ProjectModel = {
    ...settings,
    generatorVersion: running,
    subscriptions: readSubscriptionsFile(target, 'put the subscriptions back in that form, then upgrade').read.subscriptions,
  };
  const theirs = renderCurrentTemplates(door, model, sampleLines(target, model));
  const found = findBase({ target, repository, revision: flags['base'] as string | undefined, generatorVersion: settings.generatorVersion, theirs });
  const base = { ...found, files: new Map(found.files) };
  const ours = readProjectFiles(target, [...base.files.keys(), ...theirs.keys()]);
  leaveWrittenOnceFiles(ours, base.files, theirs);
  const unresolved = filesWithConflictMarkers(ours, base.files, theirs);
  if (unresolved.length > 0) {
    throw new InputError(
      unresolved.join(', '),
      `still ${unresolved.length === 1 ? 'holds' : 'hold'} conflict markers (<<<<<<< … >>>>>>>) from an earlier merge; nothing was changed`,
      'resolve them and commit, then upgrade',
    );
  }
  const versions: UpgradeVersions = { from: base.generatorVersion, to: running };
  const upgrade = planUpgrade({ base: base.files, ours, theirs }, versions);

  const where = path.relative(door.cwd, target) || path.basename(target);
  door.log(`Upgrading ${where} from log-lambda ${versions.from} to ${running} (base: ${base.source})`);
  if (upgrade.changes.length > 0) door.log(`\n${describeChanges(upgrade).join('\n')}`);
  door.log(`\n${countChanges(upgrade, { done: false })}.`);

  if (flags['dry-run']) return door.log('Dry run: nothing was written.');
  if (!changesFiles(upgrade) && versions.from === versions.to && stored['generatorVersion'] === running && !STALE_YO_RC_KEYS.some((key) => key in stored)) {
    return door.log(`Already up to date with log-lambda ${running}: nothing to change.`);
  }
  if (door.interactive && !(await door.confirm('Write these changes?', true))) return door.log('Nothing was written.');

  const plan = writesOf(target, upgrade, packageManager, door);
  plan.writes.set(BASE_RECORD_PATH, baseRecordOf(running, theirs));
  plan.writes.set(YO_RC, yoRcWith(target, model, STALE_YO_RC_KEYS));
  const conflicted = conflictedFiles(upgrade);
  const skipInstall = Boolean(flags['skip-install']) || conflicted.length > 0;
  await runGuarded(target, async (transaction) => {
    applyPlan(plan, transaction);
    // The new pins, installed; not while files hold conflicts (the project would not build anyway).
    const installFailure = skipInstall ? undefined : await installInRun(transaction, packageManager, target, door.log);
    transaction.keep();
    const directoryShown = path.relative(door.cwd, target);
    const steps = [
      ...(directoryShown ? [cdCommand(directoryShown)] : []),
      ...(repository ? ['git diff                  # review what the upgrade changed'] : []),
      ...(!skipInstall && installFailure === undefined ? [] : [`${packageManager} install`]),
      runScript(packageManager, 'test'),
      runScript(packageManager, 'synth'),
    ];
    const list = steps.map((step) => `  ${step}`).join('\n');
    door.log(`\nUpgraded to log-lambda ${running}: ${countChanges(upgrade, { done: true })}.`);
    if (conflicted.length > 0) {
      door.log(`Resolve the conflicts in ${conflicted.join(', ')} (search for <<<<<<<), then run:\n\n${list}\n`);
      throw new ConflictError(conflicted);
    }
    if (installFailure) {
      door.log(`The install failed. What is left to run:\n\n${list}\n`);
      throw installFailure;
    }
    door.log(`Now run:\n\n${list}\n`);
  });
}

/**
 * The user's own files (src/process.ts…) are never merged or removed: one that is there stays as
 * it is, one the user deleted stays deleted, and one the project never had (made by a version
 * before it existed) is added.
 */
function leaveWrittenOnceFiles(ours: ReadonlyMap<string, Buffer | null>, base: Map<string, Buffer>, theirs: Map<string, Buffer>): void {
  for (const file of new Set([...base.keys(), ...theirs.keys()])) {
    if (!isWrittenOnce(file)) continue;
    if (ours.has(file) || base.has(file)) {
      base.delete(file);
      theirs.delete(file);
    }
  }
}

/** The plan's files as writes and removals; with npm, the lock forgets the packages whose pins moved. */
function writesOf(target: string, upgrade: UpgradePlan, packageManager: PackageManager, door: Door): Plan & { writes: Map<string, Buffer> } {
  const writes = new Map<string, Buffer>();
  const removes: string[] = [];
  for (const change of upgrade.changes) {
    if (change.action === 'kept') continue;
    if (change.action === 'removed') removes.push(change.path);
    else writes.set(change.path, change.contents!);
  }
  const lock = forgottenNpmLock(target, upgrade, packageManager);
  if (lock) {
    writes.set(NPM_LOCK, lock.contents);
    door.log(`  ${NPM_LOCK}: npm resolves ${lock.moved.join(', ')} anew (their pins moved)`);
  }
  return { root: target, writes, removes };
}

/**
 * With npm, package-lock.json forgets what it had locked for the packages whose pins the upgrade
 * moved, so that npm resolves them as for a new project (why: ../upgrade/npm-lock.ts).
 */
function forgottenNpmLock(target: string, upgrade: UpgradePlan, packageManager: PackageManager): { contents: Buffer; moved: string[] } | undefined {
  const manifest = upgrade.changes.find((change) => change.path === 'package.json');
  if (packageManager !== 'npm' || !manifest?.contents || manifest.action === 'kept' || manifest.action === 'conflicted') return undefined;
  const lock = readContained(target, NPM_LOCK)?.toString('utf8');
  const before = readContained(target, 'package.json')?.toString('utf8');
  if (lock === undefined || before === undefined) return undefined; // no lock file: npm resolves everything anew anyway
  const moved = changedDependencies(before, manifest.contents.toString('utf8'));
  const forgotten = forgetInNpmLock(lock, moved);
  return forgotten === undefined ? undefined : { contents: Buffer.from(forgotten, 'utf8'), moved };
}

/** With git, the upgrade's changes must be the only ones, so that `git diff` shows them and undoes them. */
function refuseUncommittedChanges(target: string, repository: GitRepository | undefined, allowDirty: boolean): void {
  if (!repository || allowDirty) return;
  const changes = repository.uncommittedChanges();
  if (changes.length === 0) return;
  const shown = changes
    .slice(0, 5)
    .map((line) => line.slice(3))
    .join(', ');
  throw new InputError(
    '--allow-dirty',
    `${target} has uncommitted changes (${shown}${changes.length > 5 ? `, and ${changes.length - 5} more` : ''}); the upgrade would mix its changes with yours`,
    'commit or stash them first, so that git diff shows exactly what the upgrade did, or pass --allow-dirty',
  );
}

/** What this version generates for the project: its settings, its subscriptions, its sample lines. */
function renderCurrentTemplates(door: Door, model: ProjectModel, lines: LogLinesFile): Map<string, Buffer> {
  try {
    return door.render(model, lines);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n').filter(Boolean).at(-1) : String(error);
    throw new InputError(
      'directory',
      `the templates of log-lambda ${model.generatorVersion} cannot be rendered for this project (${message}); nothing was changed`,
      model.subscriptions.length === 0 ? `${SUBSCRIPTIONS} lists no subscription: add one with --add-filter (or yo log-lambda:filter), then upgrade` : undefined,
    );
  }
}

/**
 * The sample lines of test/fixtures/log-lines.json: the user's test data, kept as they are; a
 * subscription without any (added to lib/subscriptions.ts by hand) gets lines derived from its
 * pattern, as add-filter would have added (the generated tests need them).
 */
function sampleLines(target: string, model: ProjectModel): LogLinesFile {
  let lines: LogLinesFile = {};
  try {
    const parsed: unknown = JSON.parse(readContained(target, LOG_LINES)?.toString('utf8') ?? '');
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) lines = parsed as LogLinesFile;
  } catch {
    // missing, or not JSON: merged as text, like any file the user changed
  }
  for (const { name, filterPattern } of model.subscriptions) {
    if (!Object.hasOwn(lines, name)) lines = { ...lines, [name]: sampleLogLines(filterPattern) };
  }
  return lines;
}

/** --package-manager, else the one whose lock file the project (or a workspace above it) has, else the one running this. */
function choosePackageManager(target: string, chosen: string | boolean | undefined): PackageManager {
  if (chosen === undefined) return projectPackageManager(target);
  const problem = checkPackageManager(String(chosen));
  if (problem) throw new InputError('--package-manager', problem);
  return chosen as PackageManager;
}

/** The project folder exists and is a folder: never created by an upgrade. */
function checkProjectFolder(target: string): void {
  let stat;
  try {
    stat = statSync(target);
  } catch {
    throw new InputError('directory', `${target} does not exist`, 'run it in the project folder, or name it: npm create log-lambda@latest -- --upgrade my-app');
  }
  if (!stat.isDirectory()) throw new InputError('directory', `${target} is a file, not a project folder`, 'name the folder that holds .yo-rc.json');
}
