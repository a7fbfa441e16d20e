/**
 * `yo log-lambda [directory]`: a ready-to-deploy AWS CDK project whose Lambda function receives
 * CloudWatch Logs events through a subscription filter.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import {
  addSubscription,
  appFlags,
  appQuestions,
  checkPackageManager,
  destinationPath,
  detectPackageManager,
  directoryArgument,
  emptyModel,
  InputError,
  isEmptyFolder,
  nextSteps,
  resolveAnswers,
  sampleLogLines,
  templateData,
  type LogLines,
  type Answers,
  type PackageManager,
  type ProjectModel,
} from '@log-lambda/shared';
import Generator, { type BaseOptions } from 'yeoman-generator';
import { initGitRepository } from '../common/git.js';
import { installDependencies } from '../common/install.js';
import { declareFlags, isInteractive, yeomanAsk } from '../common/questions.js';
import { listFiles, sharedSourcesRoot, shippedSharedModules, templatesRoot } from '../common/templates.js';

export type AppOptions = BaseOptions & {
  directory?: string;
  yes?: boolean;
  interactive?: boolean;
  force?: boolean;
  'skip-install'?: boolean;
  'package-manager'?: string;
  git?: boolean;
};

export default class AppGenerator extends Generator<ProjectModel, AppOptions> {
  private model!: ProjectModel;
  private target!: string;
  private packageManager!: PackageManager;
  private logLines!: Record<string, LogLines>;

  constructor(args?: string[], options?: AppOptions) {
    // customInstallTask: the project is installed by install() below, in the folder it was generated in.
    super(args, options, { tasksMatchingPriority: true, customInstallTask: true });
    this.argument(directoryArgument.name, { type: String, required: false, description: directoryArgument.description });
    declareFlags(this, appFlags);
    this.sourceRoot(templatesRoot('app'));
  }

  /** Nothing is written, and no folder created, until every answer has passed its check. */
  async prompting(): Promise<void> {
    this.target = path.resolve(this.contextRoot, this.options.directory ?? '.');
    this.refuseNonEmptyTarget();
    this.packageManager = this.chosenPackageManager();
    const answers = await resolveAnswers<keyof Answers>(appQuestions, {
      flags: this.options,
      interactive: isInteractive(this.options),
      ask: yeomanAsk(this),
      context: { directoryName: path.basename(this.target) },
    });
    this.model = addSubscription(emptyModel(answers.projectName), {
      name: answers.filterName,
      logGroupName: answers.logGroupName,
      filterPattern: answers.filterPattern,
      createLogGroup: answers.createLogGroup,
    });
    if (answers.alarmEmail) this.model.alarmEmail = answers.alarmEmail;
    this.logLines = { [answers.filterName]: sampleLogLines(answers.filterPattern, answers.sampleLogLine) };
  }

  configuring(): void {
    this.destinationRoot(this.target);
    this.config.set(this.model);
  }

  writing(): void {
    const data = { ...templateData(this.model), logLines: this.logLines };
    for (const file of listFiles(this.templatePath())) {
      this.renderTemplate(file, destinationPath(file, this.model.projectName), data);
    }
    this.writeShippedModules();
  }

  private writeShippedModules(): void {
    const root = sharedSourcesRoot();
    for (const module of shippedSharedModules) {
      const files = module.endsWith('.ts') ? [module] : listFiles(path.join(root, module)).map((file) => `${module}/${file}`);
      for (const file of files) {
        const source = this.fs.read(path.join(root, file)) ?? '';
        this.fs.write(this.destinationPath('local', file), `${shippedHeader(file)}${source}`);
      }
    }
  }

  /** Installs in the new project (Yeoman's own install only watches the folder it started in). */
  async install(): Promise<void> {
    if (this.options['skip-install']) return;
    await installDependencies(this.packageManager, this.target, (line) => this.log(line));
  }

  end(): void {
    if (this.options.git !== false) initGitRepository(this.target, (line) => this.log(line));
    const steps = nextSteps({
      directory: path.relative(this.contextRoot, this.target),
      packageManager: this.packageManager,
      installed: !this.options['skip-install'],
    });
    this.log(`\nDone. Now run:\n\n${steps.map((step) => `  ${step}`).join('\n')}\n`);
  }

  private chosenPackageManager(): PackageManager {
    const chosen = this.options['package-manager'];
    if (chosen === undefined) return detectPackageManager(process.env['npm_config_user_agent']);
    const problem = checkPackageManager(chosen);
    if (problem) throw new InputError('--package-manager', problem);
    return chosen as PackageManager;
  }

  private refuseNonEmptyTarget(): void {
    if (this.options.force) return;
    let entries: string[];
    try {
      entries = readdirSync(this.target);
    } catch {
      return; // it does not exist yet
    }
    if (!isEmptyFolder(entries)) {
      throw new InputError('directory', `${this.target} is not empty`, 'choose a new folder, or pass --force to generate into it anyway');
    }
  }
}

function shippedHeader(file: string): string {
  return `// Generated by log-lambda from @log-lambda/shared (src/${file}). Do not edit: it is replaced when log-lambda updates it.\n`;
}
