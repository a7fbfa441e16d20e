/**
 * `yo log-lambda:filter`: adds a subscription filter to a project made by `yo log-lambda`, run in
 * its root. lib/subscriptions.ts is the one source of truth: it is read as TypeScript and the new
 * entry is spliced into its array, keeping the user's comments, formatting, hand-added entries
 * and line endings. The README's diagram and the sample lines are derived from it.
 */
import { existsSync } from 'node:fs';
import {
  addSubscription,
  filterQuestions,
  InputError,
  isPrefix,
  MAX_STACK_RESOURCES,
  parseSettings,
  projectSettings,
  questionFlag,
  readContained,
  refuseLinks,
  replaceManagedRegion,
  resolveAnswers,
  runFlags,
  sampleLogLines,
  stackResourceCount,
  subscriptionFromAnswers,
  subscriptionTarget,
  templateData,
  type Answers,
  type LogLines,
  type ProjectModel,
  type Subscription,
} from '@log-lambda/shared';
import { appendSubscription, readSubscriptionsSource } from '@log-lambda/shared/subscriptions-source';
import type { BaseOptions } from 'yeoman-generator';
import { refuseLinksInWrites } from '../common/contained-writes.js';
import { GuardedGenerator } from '../common/guarded-generator.js';
import { markOwned } from '../common/managed-files.js';
import { findProjectAbove } from '@log-lambda/shared/engine';
import { declareFlags, isInteractive, yeomanAsk } from '../common/questions.js';
import { templatesRoot } from '../common/templates.js';

// force: Yeoman's own --force (overwrite without asking); yeoman-test sets it unless told otherwise.
export type FilterOptions = BaseOptions & { yes?: boolean; interactive?: boolean; force?: boolean };

const SUBSCRIPTIONS = 'lib/subscriptions.ts';
const README = 'README.md';
/** The generated tests' sample lines: the user may add their own, so entries are merged in. */
const LOG_LINES = 'test/fixtures/log-lines.json';

export default class FilterGenerator extends GuardedGenerator<Record<string, unknown>, FilterOptions> {
  private before!: ProjectModel;
  private after!: ProjectModel;
  private added!: Subscription;
  private source!: string;
  private logLines!: LogLines;

  constructor(args?: string[], options?: FilterOptions) {
    super(args, options, { tasksMatchingPriority: true, customInstallTask: true });
    declareFlags(this, [...filterQuestions.map(questionFlag), ...runFlags.filter(({ flag }) => flag === 'yes' || flag === 'interactive')]);
    this.sourceRoot(templatesRoot('app'));
  }

  initializing(): void {
    // Every file the run reads to merge and writes: no link on the way (the one write rule).
    refuseLinks(this.destinationRoot(), ['.yo-rc.json', SUBSCRIPTIONS, README, LOG_LINES]);
    const settings = existsSync(this.destinationPath('.yo-rc.json')) ? parseSettings(this.config.getAll()) : undefined;
    if (typeof settings !== 'object') {
      const project = findProjectAbove(this.destinationRoot());
      throw new InputError(
        'yo log-lambda:filter',
        `${this.destinationRoot()} is not the root of a log-lambda project (${settings ?? 'no .yo-rc.json'})`,
        project ? `run it in ${project}` : 'run it in the folder made by yo log-lambda or npm create log-lambda, where .yo-rc.json is',
      );
    }
    this.source = this.readSubscriptionsFile();
    const read = readSubscriptionsSource(this.source, SUBSCRIPTIONS);
    if (typeof read === 'string') {
      throw new InputError(SUBSCRIPTIONS, `${read.replace(`${SUBSCRIPTIONS} `, '')}; nothing was changed`, 'put the subscriptions back in that form, or add the filter to the stack by hand');
    }
    for (const entry of read.entries.filter((e) => e.opaque)) {
      this.log(`${SUBSCRIPTIONS}:${entry.line}: an entry whose values are not all literals${entry.name ? ` (${entry.name})` : ''}: its name and log group cannot be checked here; synth checks them`);
    }
    this.before = { ...settings, subscriptions: read.subscriptions };
  }

  async prompting(): Promise<void> {
    const answers = await resolveAnswers<Exclude<keyof Answers, 'projectName'>>(filterQuestions, {
      flags: this.options,
      interactive: isInteractive(this.options),
      ask: yeomanAsk(this),
      context: { model: this.before },
    });
    this.added = subscriptionFromAnswers(answers);
    this.after = addSubscription(this.before, this.added);
    refuseOverfullStack(this.after, this.added);
    this.logLines = sampleLogLines(answers.filterPattern, answers.sampleLogLine);
  }

  writing(): void {
    const transaction = this.beginChanges(this.destinationRoot());
    for (const file of [SUBSCRIPTIONS, README, LOG_LINES, '.yo-rc.json']) transaction.saveOriginal(this.destinationPath(file));
    const logLines = this.readLogLines();
    this.fs.write(this.destinationPath(SUBSCRIPTIONS), appendSubscription(this.source, this.added, SUBSCRIPTIONS));
    this.updateReadme(templateData(this.after));
    this.fs.write(this.destinationPath(LOG_LINES), withLineEndingsOf(logLines.text, `${JSON.stringify({ ...logLines.entries, [this.added.name]: this.logLines }, null, 2)}\n`));
    // The settings only: a list stored there by 0.1.0 would be a second, stale copy.
    this.config.delete('subscriptions');
    this.config.set(projectSettings(this.after));
    markOwned(this, SUBSCRIPTIONS, README, LOG_LINES, '.yo-rc.json');
  }

  /** Before Yeoman writes: nothing it is about to write has a link on its way. */
  conflicts(): void {
    refuseLinksInWrites(this);
  }

  end(): void {
    this.finishChanges();
    this.log(`\nAdded subscription filter ${JSON.stringify(this.added.name)} on ${subscriptionTarget(this.added)}. Check it with your tests and synth, then deploy.\n`);
  }

  private readSubscriptionsFile(): string {
    const contents = readContained(this.destinationRoot(), SUBSCRIPTIONS);
    if (contents === undefined) {
      throw new InputError(SUBSCRIPTIONS, 'is missing, and it holds the project\'s subscriptions', `restore it (git checkout -- ${SUBSCRIPTIONS}) and run again`);
    }
    return contents.toString('utf8');
  }

  /** The sample lines as they are now; refuses (before anything is written) when they are not JSON. */
  private readLogLines(): { text: string; entries: Record<string, unknown> } {
    const text = readContained(this.destinationRoot(), LOG_LINES)?.toString('utf8');
    if (text === undefined) return { text: '', entries: {} };
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return { text, entries: parsed as Record<string, unknown> };
    } catch {
      // reported below
    }
    throw new InputError(LOG_LINES, 'is not a JSON object of sample lines, so it cannot be updated; nothing was changed', `fix the JSON (git diff ${LOG_LINES}) and run again`);
  }

  /** Only the README's managed region is rewritten; the rest is the user's. */
  private updateReadme(newData: object): void {
    const readme = this.destinationPath(README);
    const mine = readContained(this.destinationRoot(), README)?.toString('utf8');
    if (mine === undefined) return;
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

/** The entry that would take the stack past CloudFormation's 500 resources is refused here, not at the next synth. */
function refuseOverfullStack(model: ProjectModel, added: Subscription): void {
  const resources = stackResourceCount(model.subscriptions, { alarmEmail: Boolean(model.alarmEmail) });
  if (resources <= MAX_STACK_RESOURCES) return;
  throw new InputError(
    isPrefix(added) ? '--log-group-prefix' : '--log-group',
    `adding ${JSON.stringify(added.name)} takes the stack to ${resources} CloudFormation resources (${model.subscriptions.length} subscriptions); one stack holds at most ${MAX_STACK_RESOURCES}; nothing was changed`,
    'subscribe the log groups by name prefix instead (--log-group-prefix <prefix>: one subscriber, any number of groups), or the whole account from a project of its own (npm create log-lambda@latest -- --account-policy)',
  );
}

/** `text` with the line endings of `like` (a file checked out with CRLF keeps them). */
function withLineEndingsOf(like: string, text: string): string {
  return like.includes('\r\n') ? text.replace(/\r?\n/g, '\r\n') : text;
}
