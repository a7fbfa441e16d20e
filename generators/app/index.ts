/**
 * `yo log-lambda [directory]`: a ready-to-deploy AWS CDK project whose Lambda function receives
 * CloudWatch Logs events through a subscription filter.
 */
import { lstatSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  addSubscription,
  appFlags,
  appQuestions,
  checkPackageManager,
  deployNotes,
  detectPackageManager,
  directoryArgument,
  emptyModel,
  InputError,
  isEmptyFolder,
  isNamed,
  nextSteps,
  projectSettings,
  refuseLinks,
  resolveAnswers,
  sampleLogLines,
  subscriptionFromAnswers,
  type LogLines,
  type Answers,
  type PackageManager,
  type ProjectModel,
} from '@log-lambda/shared';
import { BASE_RECORD_PATH } from '@log-lambda/shared/upgrade';
import type { BaseOptions } from 'yeoman-generator';
import { settleConflicts } from '../common/conflicts.js';
import { findProjectAbove, initGitRepository, installInRun, isProjectRoot } from '@log-lambda/shared/engine';
import { GuardedGenerator } from '../common/guarded-generator.js';
import { declareFlags, isInteractive, yeomanAsk } from '../common/questions.js';
import { baseRecordOf, renderProject } from '../common/render.js';
import { templatesRoot } from '../common/templates.js';

export type AppOptions = BaseOptions & {
  directory?: string;
  yes?: boolean;
  interactive?: boolean;
  force?: boolean;
  overwrite?: boolean;
  'skip-install'?: boolean;
  'package-manager'?: string;
  git?: boolean;
};

export default class AppGenerator extends GuardedGenerator<ProjectModel, AppOptions> {
  private model!: ProjectModel;
  private target!: string;
  private packageManager!: PackageManager;
  private logLines!: Record<string, LogLines>;
  /** The install failed after a complete write: reported at the end, after the first commit. */
  private installFailure: Error | undefined;
  /** --force: generate into a folder that is not empty. Never Yeoman's "overwrite without asking". */
  private readonly intoNonEmptyFolder: boolean;

  constructor(args?: string[], options?: AppOptions) {
    // customInstallTask: the project is installed by install() below, in the folder it was generated in.
    super(args, options, { tasksMatchingPriority: true, customInstallTask: true });
    this.argument(directoryArgument.name, { type: String, required: false, description: directoryArgument.description });
    declareFlags(this, appFlags);
    this.sourceRoot(templatesRoot('app'));
    // Yeoman reads the root generator's `force` option as "overwrite every file without asking":
    // ours means only "the folder may hold other files"; replacing one takes --overwrite or a yes.
    this.intoNonEmptyFolder = Boolean(this.options.force);
    this.options.force = false;
  }

  /** Nothing is written, and no folder created, until every answer has passed its check. */
  async prompting(): Promise<void> {
    this.target = path.resolve(this.contextRoot, this.options.directory ?? '.');
    checkTargetFolder(this.target);
    refuseExistingProject(this.target);
    this.refuseNonEmptyTarget();
    this.packageManager = this.chosenPackageManager();
    const answers = await resolveAnswers<keyof Answers>(appQuestions, {
      flags: this.options,
      interactive: isInteractive(this.options),
      ask: yeomanAsk(this),
      context: { directoryName: path.basename(this.target) },
    });
    const subscription = subscriptionFromAnswers(answers);
    this.model = addSubscription(emptyModel(answers.projectName, this.rootGeneratorVersion()), subscription);
    // Where to exclude more log groups from a prefix or the account, visible in .yo-rc.json.
    if (!isNamed(subscription)) this.model.excludedLogGroups = [];
    if (answers.alarmEmail) this.model.alarmEmail = answers.alarmEmail;
    this.logLines = { [answers.filterName]: sampleLogLines(answers.filterPattern, answers.sampleLogLine) };
    // From here on the run may change the folder: a failure or a signal puts it back as it was.
    this.beginChanges(this.target);
  }

  configuring(): void {
    this.destinationRoot(this.target);
    // The settings only: the subscriptions live in lib/subscriptions.ts.
    this.config.set(projectSettings(this.model));
  }

  writing(): void {
    const files = renderProject(this.model, this.logLines);
    for (const [file, contents] of files) this.fs.write(this.destinationPath(file), contents);
    // What an upgrade merges the user's changes from, in the project itself (it may have no git history).
    this.fs.write(this.destinationPath(BASE_RECORD_PATH), baseRecordOf(this.rootGeneratorVersion(), files));
  }

  /** Before Yeoman writes: no file of the user's is replaced without consent. */
  async conflicts(): Promise<void> {
    await settleConflicts(this, { overwrite: Boolean(this.options.overwrite), interactive: isInteractive(this.options), transaction: this.transaction! });
  }

  /** Installs in the new project (Yeoman's own install only watches the folder it started in). */
  async install(): Promise<void> {
    if (this.options['skip-install']) return;
    // Only the install failing, after a complete write, keeps the project: it still gets its
    // first commit, and the end says every step that is left.
    this.installFailure = await installInRun(this.transaction!, this.packageManager, this.target, (line) => this.log(line));
  }

  end(): void {
    if (this.options.git !== false) initGitRepository(this.target, (line) => this.log(line));
    const steps = nextSteps({
      directory: path.relative(this.contextRoot, this.target),
      packageManager: this.packageManager,
      installed: !this.options['skip-install'] && this.installFailure === undefined,
    });
    this.finishChanges();
    const list = steps.map((step) => `  ${step}`).join('\n');
    if (this.installFailure) {
      this.log(`\nThe project is written, but its install failed. What is left to run:\n\n${list}\n`);
      throw this.installFailure;
    }
    const notes = deployNotes(this.model.subscriptions).map((note) => `${note}\n`);
    this.log(`\nDone. Now run:\n\n${list}\n${notes.length > 0 ? `\n${notes.join('')}` : ''}`);
  }

  private chosenPackageManager(): PackageManager {
    const chosen = this.options['package-manager'];
    if (chosen === undefined) return detectPackageManager(process.env['npm_config_user_agent']);
    const problem = checkPackageManager(chosen);
    if (problem) throw new InputError('--package-manager', problem);
    return chosen as PackageManager;
  }

  private refuseNonEmptyTarget(): void {
    if (this.intoNonEmptyFolder) return;
    let entries: string[];
    try {
      entries = readdirSync(this.target);
    } catch {
      return; // it does not exist yet
    }
    if (!isEmptyFolder(entries)) {
      throw new InputError('directory', `${this.target} is not empty`, 'choose a new folder, or pass --force to generate beside what is there');
    }
  }
}

/** The target is a folder, or nothing yet: a file or a dangling link in its place gets a sentence, not ENOTDIR. */
function checkTargetFolder(target: string): void {
  for (let at = target; path.dirname(at) !== at; at = path.dirname(at)) {
    let stat;
    try {
      stat = lstatSync(at);
    } catch (error) {
      const { code } = error as NodeJS.ErrnoException;
      if (code === 'ENOENT' || code === 'ENOTDIR') continue; // made by the run, or under a file (found next)
      throw new InputError('directory', `${at} cannot be read (${(error as NodeJS.ErrnoException).code})`, 'choose another folder');
    }
    // The project folder itself a link: refused like any link under it (the one write rule).
    if (at === target) refuseLinks(target, [target]);
    if (stat.isSymbolicLink()) {
      try {
        stat = statSync(at);
      } catch {
        throw new InputError('directory', `${at} is a symbolic link to ${readlinkSync(at)}, which does not exist`, 'create the folder it points to, or choose another folder');
      }
    }
    if (!stat.isDirectory()) {
      throw new InputError('directory', at === target ? `${at} is a file, not a folder` : `${target} is inside ${at}, which is a file`, 'choose a new folder name');
    }
    return; // the nearest existing folder on the way
  }
}

const WORK_ON_A_PROJECT = 'add a subscription with yo log-lambda:filter, or bring the project to the current templates with npm create log-lambda@latest -- --upgrade (or yo log-lambda:upgrade)';

/**
 * Never regenerated over itself (that would drop the subscriptions and edits made since), nor
 * inside one (a second project in its lib/ or test/ folder).
 */
function refuseExistingProject(target: string): void {
  if (isProjectRoot(target)) {
    throw new InputError(
      'directory',
      `${target} holds a log-lambda project already (see its .yo-rc.json); generating it again would replace your files and subscriptions`,
      WORK_ON_A_PROJECT,
    );
  }
  const above = findProjectAbove(target);
  if (above !== undefined) {
    throw new InputError('directory', `${target} is inside the log-lambda project ${above}; a project is never made inside another`, `choose a folder outside it, or in ${above}: ${WORK_ON_A_PROJECT}`);
  }
}
