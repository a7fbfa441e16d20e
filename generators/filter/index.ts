/**
 * `yo log-lambda:filter`: adds a subscription filter to a project made by `yo log-lambda`, run in
 * its root. It grows the model in .yo-rc.json and re-renders what is rendered from it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  addSubscription,
  filterQuestions,
  InputError,
  parseModel,
  questionFlag,
  replaceManagedRegion,
  resolveAnswers,
  runFlags,
  sampleLogLines,
  templateData,
  type LogLines,
  type Answers,
  type ProjectModel,
} from '@log-lambda/shared';
import Generator, { type BaseOptions } from 'yeoman-generator';
import { assertUnedited, markOwned } from '../common/managed-files.js';
import { declareFlags, isInteractive, yeomanAsk } from '../common/questions.js';
import { templatesRoot } from '../common/templates.js';

// force: Yeoman's own --force (overwrite without asking); yeoman-test sets it unless told otherwise.
export type FilterOptions = BaseOptions & { yes?: boolean; interactive?: boolean; force?: boolean };

/** Rendered from the model, and checked for hand edits before each update. */
const MANAGED_FILES = ['lib/subscriptions.ts'];
const README = 'README.md';
/** The generated tests' sample lines: the user may add their own, so entries are merged in. */
const LOG_LINES = 'test/fixtures/log-lines.json';

export default class FilterGenerator extends Generator<ProjectModel, FilterOptions> {
  private before!: ProjectModel;
  private after!: ProjectModel;
  private logLines!: LogLines;

  constructor(args?: string[], options?: FilterOptions) {
    super(args, options, { tasksMatchingPriority: true, customInstallTask: true });
    declareFlags(this, [...filterQuestions.map(questionFlag), ...runFlags.filter(({ flag }) => flag === 'yes' || flag === 'interactive')]);
    this.sourceRoot(templatesRoot('app'));
  }

  initializing(): void {
    const stored = existsSync(this.destinationPath('.yo-rc.json')) ? parseModel(this.config.getAll()) : undefined;
    if (typeof stored !== 'object') {
      const project = findProjectAbove(this.destinationRoot());
      throw new InputError(
        'yo log-lambda:filter',
        `${this.destinationRoot()} is not the root of a log-lambda project (${stored ?? 'no .yo-rc.json'})`,
        project ? `run it in ${project}` : 'run it in the folder made by yo log-lambda or npm create log-lambda, where .yo-rc.json is',
      );
    }
    this.before = stored;
  }

  async prompting(): Promise<void> {
    const answers = await resolveAnswers<Exclude<keyof Answers, 'projectName'>>(filterQuestions, {
      flags: this.options,
      interactive: isInteractive(this.options),
      ask: yeomanAsk(this),
      context: { model: this.before },
    });
    this.after = addSubscription(this.before, {
      name: answers.filterName,
      logGroupName: answers.logGroupName,
      filterPattern: answers.filterPattern,
      createLogGroup: answers.createLogGroup,
    });
    this.logLines = sampleLogLines(answers.filterPattern, answers.sampleLogLine);
  }

  writing(): void {
    const oldData = templateData(this.before);
    for (const file of MANAGED_FILES) assertUnedited(this, file, file, oldData);
    const logLines = this.readLogLines();

    const newData = templateData(this.after);
    for (const file of MANAGED_FILES) this.renderTemplate(file, file, newData);
    this.updateReadme(newData);
    this.fs.writeJSON(this.destinationPath(LOG_LINES), { ...logLines, [this.after.subscriptions.at(-1)!.name]: this.logLines });
    this.config.set(this.after);
    markOwned(this, ...MANAGED_FILES, README, LOG_LINES, '.yo-rc.json');
  }

  /** The sample lines as they are now; refuses (before anything is written) when they are not JSON. */
  private readLogLines(): Record<string, unknown> {
    const file = this.destinationPath(LOG_LINES);
    if (!existsSync(file)) return {};
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // reported below
    }
    throw new InputError(LOG_LINES, 'is not a JSON object of sample lines, so it cannot be updated; nothing was changed', `fix the JSON (git diff ${LOG_LINES}) and run again`);
  }

  end(): void {
    const added = this.after.subscriptions.at(-1)!;
    this.log(`\nAdded subscription filter ${JSON.stringify(added.name)} on ${added.logGroupName}. Check it with your tests and synth, then deploy.\n`);
  }

  /** Only the README's managed region is rewritten; the rest is the user's. */
  private updateReadme(newData: object): void {
    const readme = this.destinationPath(README);
    if (!existsSync(readme)) return;
    const mine = readFileSync(readme, 'utf8');
    this.renderTemplate(README, README, newData);
    const updated = replaceManagedRegion(mine, this.fs.read(readme) ?? '');
    if (updated === undefined) {
      this.fs.write(readme, mine);
      this.log(`${README}: the log-lambda:subscriptions markers are gone, so its diagram was not updated`);
      return;
    }
    this.fs.write(readme, updated);
  }
}

/** The nearest folder above `from` holding a log-lambda .yo-rc.json, to point the user at. */
function findProjectAbove(from: string): string | undefined {
  for (let dir = path.dirname(from); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    try {
      const rc = JSON.parse(readFileSync(path.join(dir, '.yo-rc.json'), 'utf8')) as Record<string, unknown>;
      if (rc['generator-log-lambda']) return dir;
    } catch {
      // no .yo-rc.json here
    }
  }
  return undefined;
}
