/**
 * `yo log-lambda:upgrade [directory]`: brings a project made by an older log-lambda to the
 * current templates, keeping the user's edits. It renders the current templates from the
 * project's settings and lib/subscriptions.ts (theirs), and merges them three ways into the
 * project's files (ours) from what the old version generated (the base: .log-lambda/base.json,
 * or for 0.1.0 projects the tree of the "Initial commit from log-lambda", or --base <commit>).
 * The run is all or nothing: a failure or a signal puts every file back.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import {
  cdCommand,
  checkPackageManager,
  compareVersions,
  InputError,
  parseSettings,
  readContained,
  refuseLinks,
  runScript,
  sampleLogLines,
  UNRECORDED_GENERATOR_VERSION,
  upgradeDirectoryArgument,
  upgradeFlags,
  type PackageManager,
  type ProjectModel,
  type ProjectSettings,
} from '@log-lambda/shared';
import { readSubscriptionsSource } from '@log-lambda/shared/subscriptions-source';
import {
  BASE_RECORD_PATH,
  changedDependencies,
  changesFiles,
  conflictedFiles,
  ConflictError,
  countChanges,
  describeChanges,
  forgetInNpmLock,
  planUpgrade,
  type UpgradePlan,
  type UpgradeVersions,
} from '@log-lambda/shared/upgrade';
import type { BaseOptions } from 'yeoman-generator';
import { refuseLinksInWrites } from '../common/contained-writes.js';
import { findProjectAbove, gitRepository, installInRun, type GitRepository } from '@log-lambda/shared/engine';
import { GuardedGenerator } from '../common/guarded-generator.js';
import { markOwned } from '../common/managed-files.js';
import { declareFlags, isInteractive } from '../common/questions.js';
import { baseRecordOf, renderProject, type LogLinesFile } from '../common/render.js';
import { findBase } from './base.js';
import { filesWithConflictMarkers, projectPackageManager, readProjectFiles } from './project.js';

export type UpgradeOptions = BaseOptions & {
  directory?: string;
  'dry-run'?: boolean;
  yes?: boolean;
  interactive?: boolean;
  'allow-dirty'?: boolean;
  base?: string;
  'skip-install'?: boolean;
  'package-manager'?: string;
  force?: boolean;
};

const SUBSCRIPTIONS = 'lib/subscriptions.ts';
const LOG_LINES = 'test/fixtures/log-lines.json';
const NPM_LOCK = 'package-lock.json';

export default class UpgradeGenerator extends GuardedGenerator<Record<string, unknown>, UpgradeOptions> {
  private target!: string;
  private repository: GitRepository | undefined;
  private settings!: ProjectSettings;
  private versions!: UpgradeVersions;
  private plan!: UpgradePlan;
  /** What the base record becomes: what this version generates for the project. */
  private record!: string;
  /** Nothing to write (a dry run, a refusal at the prompt, already up to date). */
  private writesNothing = false;
  private packageManager!: PackageManager;
  /** The install failed after a complete write: reported at the end, with the steps that are left. */
  private installFailure: Error | undefined;

  constructor(args?: string[], options?: UpgradeOptions) {
    super(args, options, { tasksMatchingPriority: true, customInstallTask: true });
    this.argument(upgradeDirectoryArgument.name, { type: String, required: false, description: upgradeDirectoryArgument.description });
    declareFlags(this, upgradeFlags);
  }

  /** Reads everything and decides every file before anything is written; prints the plan. */
  initializing(): void {
    this.target = path.resolve(this.contextRoot, this.options.directory ?? '.');
    checkProjectFolder(this.target);
    // What the run reads before the plan, and the folder itself: no link on the way (the one write rule).
    refuseLinks(this.target, [this.target, '.yo-rc.json', SUBSCRIPTIONS, LOG_LINES, NPM_LOCK, 'package.json', BASE_RECORD_PATH]);
    this.destinationRoot(this.target);
    this.settings = this.readSettings();
    const running = this.rootGeneratorVersion();
    const made = this.settings.generatorVersion ?? UNRECORDED_GENERATOR_VERSION;
    if (compareVersions(made, running) > 0) {
      throw new InputError(
        'directory',
        `${this.target} was made or last upgraded by log-lambda ${made}, newer than this one (${running}); an older version would take its changes back`,
        'run the newer one: npm create log-lambda@latest -- --upgrade',
      );
    }
    this.packageManager = this.choosePackageManager();
    this.repository = gitRepository(this.target);
    this.refuseUncommittedChanges();

    const model: ProjectModel = { ...this.settings, generatorVersion: running, subscriptions: this.readSubscriptions() };
    const theirs = this.renderCurrentTemplates(model);
    const base = findBase({ target: this.target, repository: this.repository, revision: this.options.base, generatorVersion: this.settings.generatorVersion, theirs });
    const ours = readProjectFiles(this.target, [...base.files.keys(), ...theirs.keys()]);
    const unresolved = filesWithConflictMarkers(ours, base.files, theirs);
    if (unresolved.length > 0) {
      throw new InputError(
        unresolved.join(', '),
        `still ${unresolved.length === 1 ? 'holds' : 'hold'} conflict markers (<<<<<<< … >>>>>>>) from an earlier merge; nothing was changed`,
        'resolve them and commit, then upgrade',
      );
    }
    this.versions = { from: base.generatorVersion, to: running };
    this.plan = planUpgrade({ base: base.files, ours, theirs }, this.versions);
    this.record = baseRecordOf(running, theirs);

    const where = path.relative(this.contextRoot, this.target) || path.basename(this.target);
    this.log(`Upgrading ${where} from log-lambda ${this.versions.from} to ${running} (base: ${base.source})`);
    if (this.plan.changes.length > 0) this.log(`\n${describeChanges(this.plan).join('\n')}`);
    this.log(`\n${countChanges(this.plan, { done: false })}.`);
  }

  /** A dry run ends here; with a terminal the user says yes first. */
  async prompting(): Promise<void> {
    if (this.options['dry-run']) {
      this.log('Dry run: nothing was written.');
      this.writesNothing = true;
      return;
    }
    if (!changesFiles(this.plan) && this.versions.from === this.versions.to && this.settingsUpToDate()) {
      this.log(`Already up to date with log-lambda ${this.versions.to}: nothing to change.`);
      this.writesNothing = true;
      return;
    }
    if (isInteractive(this.options)) {
      const { apply } = await this.prompt<{ apply: boolean }>({ type: 'confirm', name: 'apply', message: 'Write these changes?', default: true });
      if (!apply) {
        this.log('Nothing was written.');
        this.writesNothing = true;
        return;
      }
    }
    this.beginChanges(this.target);
  }

  writing(): void {
    if (this.writesNothing) return;
    const written: string[] = [];
    for (const change of this.plan.changes) {
      const file = this.destinationPath(change.path);
      if (change.action === 'kept') continue;
      this.transaction!.saveOriginal(file);
      if (change.action === 'removed') this.fs.delete(file);
      else this.fs.write(file, change.contents!);
      written.push(change.path);
    }
    if (this.forgetChangedPinsInNpmLock()) written.push(NPM_LOCK);
    this.transaction!.saveOriginal(this.destinationPath(BASE_RECORD_PATH));
    this.fs.write(this.destinationPath(BASE_RECORD_PATH), this.record);
    this.transaction!.saveOriginal(this.destinationPath('.yo-rc.json'));
    // The settings only: a list stored there by 0.1.0 would be a second, stale copy.
    this.config.delete('subscriptions');
    this.config.set({ ...this.settings, generatorVersion: this.versions.to });
    // The user said yes to this plan (or passed --yes): Yeoman must not ask again, file by file.
    markOwned(this, ...written, BASE_RECORD_PATH, '.yo-rc.json');
  }

  /**
   * With npm, package-lock.json forgets what it had locked for the packages whose pins the upgrade
   * moved, so that npm resolves them as for a new project (why: packages/shared/src/upgrade/npm-lock.ts).
   * True when it was rewritten.
   */
  private forgetChangedPinsInNpmLock(): boolean {
    const manifest = this.plan.changes.find((change) => change.path === 'package.json');
    if (this.packageManager !== 'npm' || !manifest?.contents || manifest.action === 'kept' || manifest.action === 'conflicted') return false;
    const lock = readContained(this.target, NPM_LOCK)?.toString('utf8');
    const before = readContained(this.target, 'package.json')?.toString('utf8');
    if (lock === undefined || before === undefined) return false; // no lock file: npm resolves everything anew anyway
    const moved = changedDependencies(before, manifest.contents.toString('utf8'));
    const forgotten = forgetInNpmLock(lock, moved);
    if (forgotten === undefined) return false;
    this.transaction!.saveOriginal(this.destinationPath(NPM_LOCK));
    this.fs.write(this.destinationPath(NPM_LOCK), forgotten);
    this.log(`  ${NPM_LOCK}: npm resolves ${moved.join(', ')} anew (their pins moved)`);
    return true;
  }

  /** Before Yeoman writes: nothing it is about to write or remove has a link on its way. */
  conflicts(): void {
    if (!this.writesNothing) refuseLinksInWrites(this);
  }

  /** The new pins, installed; not while files hold conflicts (the project would not build anyway). */
  async install(): Promise<void> {
    if (this.writesNothing || this.options['skip-install'] || conflictedFiles(this.plan).length > 0) return;
    // Only the install failing, after a complete write, keeps the upgrade; the end says every step that is left.
    this.installFailure = await installInRun(this.transaction!, this.packageManager, this.target, (line) => this.log(line));
  }

  end(): void {
    if (this.writesNothing) return;
    this.finishChanges();
    const conflicted = conflictedFiles(this.plan);
    const pm = this.packageManager;
    const installed = !this.options['skip-install'] && conflicted.length === 0 && this.installFailure === undefined;
    const directory = path.relative(this.contextRoot, this.target);
    const steps = [
      ...(directory ? [cdCommand(directory)] : []),
      ...(this.repository ? ['git diff                  # review what the upgrade changed'] : []),
      ...(installed ? [] : [`${pm} install`]),
      runScript(pm, 'test'),
      runScript(pm, 'synth'),
    ];
    this.log(`\nUpgraded to log-lambda ${this.versions.to}: ${countChanges(this.plan, { done: true })}.`);
    if (conflicted.length > 0) {
      this.log(`Resolve the conflicts in ${conflicted.join(', ')} (search for <<<<<<<), then run:\n\n${steps.map((step) => `  ${step}`).join('\n')}\n`);
      throw new ConflictError(conflicted);
    }
    if (this.installFailure) {
      this.log(`The install failed. What is left to run:\n\n${steps.map((step) => `  ${step}`).join('\n')}\n`);
      throw this.installFailure;
    }
    this.log(`Now run:\n\n${steps.map((step) => `  ${step}`).join('\n')}\n`);
  }

  private readSettings(): ProjectSettings {
    const text = readContained(this.target, '.yo-rc.json')?.toString('utf8');
    let settings: ProjectSettings | string = 'no .yo-rc.json';
    if (text !== undefined) {
      try {
        settings = parseSettings((JSON.parse(text) as Record<string, unknown>)['generator-log-lambda']);
      } catch {
        settings = '.yo-rc.json is not JSON';
      }
    }
    if (typeof settings === 'string') {
      const project = findProjectAbove(this.target);
      throw new InputError(
        'directory',
        `${this.target} is not the root of a log-lambda project (${settings})`,
        project ? `run it in ${project}` : 'run it in the folder made by npm create log-lambda or yo log-lambda, where .yo-rc.json is',
      );
    }
    return settings;
  }

  /** With git, the upgrade's changes must be the only ones, so that `git diff` shows them and undoes them. */
  private refuseUncommittedChanges(): void {
    if (!this.repository || this.options['allow-dirty']) return;
    const changes = this.repository.uncommittedChanges();
    if (changes.length === 0) return;
    const shown = changes.slice(0, 5).map((line) => line.slice(3)).join(', ');
    throw new InputError(
      '--allow-dirty',
      `${this.target} has uncommitted changes (${shown}${changes.length > 5 ? `, and ${changes.length - 5} more` : ''}); the upgrade would mix its changes with yours`,
      'commit or stash them first, so that git diff shows exactly what the upgrade did, or pass --allow-dirty',
    );
  }

  /** The user's list, the one source of truth; the templates are rendered from it. */
  private readSubscriptions(): ProjectModel['subscriptions'] {
    const source = readContained(this.target, SUBSCRIPTIONS)?.toString('utf8');
    if (source === undefined) {
      throw new InputError(SUBSCRIPTIONS, "is missing, and it holds the project's subscriptions", `restore it (git checkout -- ${SUBSCRIPTIONS}) and run again`);
    }
    const read = readSubscriptionsSource(source, SUBSCRIPTIONS);
    if (typeof read === 'string') {
      throw new InputError(SUBSCRIPTIONS, `${read.replace(`${SUBSCRIPTIONS} `, '')}; nothing was changed`, 'put the subscriptions back in that form, then upgrade');
    }
    return read.subscriptions;
  }

  /** What this version generates for the project: its settings, its subscriptions, its sample lines. */
  private renderCurrentTemplates(model: ProjectModel): Map<string, Buffer> {
    try {
      return renderProject(model, this.sampleLines(model));
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n').filter(Boolean).at(-1) : String(error);
      throw new InputError(
        'directory',
        `the templates of log-lambda ${model.generatorVersion} cannot be rendered for this project (${message}); nothing was changed`,
        model.subscriptions.length === 0 ? `${SUBSCRIPTIONS} lists no subscription: add one with yo log-lambda:filter, then upgrade` : undefined,
      );
    }
  }

  /**
   * The sample lines of test/fixtures/log-lines.json: the user's test data, kept as they are; a
   * subscription without any (added to lib/subscriptions.ts by hand) gets lines derived from its
   * pattern, as `yo log-lambda:filter` would have added (the generated tests need them).
   */
  private sampleLines(model: ProjectModel): LogLinesFile {
    let lines: LogLinesFile = {};
    try {
      const parsed: unknown = JSON.parse(readContained(this.target, LOG_LINES)?.toString('utf8') ?? '');
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) lines = parsed as LogLinesFile;
    } catch {
      // missing, or not JSON: merged as text, like any file the user changed
    }
    for (const { name, filterPattern } of model.subscriptions) {
      if (!Object.hasOwn(lines, name)) lines = { ...lines, [name]: sampleLogLines(filterPattern) };
    }
    return lines;
  }

  /** The stored settings already say this version, and hold nothing stale. */
  private settingsUpToDate(): boolean {
    const stored = this.config.getAll();
    return stored['generatorVersion'] === this.versions.to && !('subscriptions' in stored);
  }

  /** --package-manager, else the one whose lock file the project (or a workspace above it) has, else the one running this. */
  private choosePackageManager(): PackageManager {
    const chosen = this.options['package-manager'];
    if (chosen === undefined) return projectPackageManager(this.target);
    const problem = checkPackageManager(chosen);
    if (problem) throw new InputError('--package-manager', problem);
    return chosen as PackageManager;
  }
}

/** The project folder exists and is a folder: never created by an upgrade. */
function checkProjectFolder(target: string): void {
  let stat;
  try {
    stat = statSync(target);
  } catch {
    throw new InputError('directory', `${target} does not exist`, 'run it in the project folder, or name it: yo log-lambda:upgrade my-app');
  }
  if (!stat.isDirectory()) throw new InputError('directory', `${target} is a file, not a project folder`, 'name the folder that holds .yo-rc.json');
}
