/**
 * Add a filter: a new entry spliced into lib/subscriptions.ts (the user's comments, formatting and
 * hand-added entries kept), its sample lines merged into test/fixtures/log-lines.json, and every
 * other file the new subscription changes (the README's managed region; the files, pins and tests
 * of a feature the project did not hold yet, such as the prefix subscriber) merged three ways from
 * what this version renders before and after, so that the user's edits stay. Both doors run this.
 */
import { readContained } from '../contained.js';
import { InputError } from '../input-error.js';
import { addSubscription, isPrefix, subscriptionTarget, type ProjectModel, type Subscription } from '../model.js';
import { replaceManagedRegion } from '../project-file.js';
import { filterQuestions, resolveAnswers, subscriptionFromAnswers, type Answers } from '../questions.js';
import { sampleLogLines } from '../sample-log-lines.js';
import { MAX_STACK_RESOURCES, stackResourceCount } from '../stack-resources.js';
import { appendSubscription } from '../subscriptions-source.js';
import { BASE_RECORD_PATH, parseBaseRecord, serializeBaseRecord } from '../upgrade/base-record.js';
import { conflictedFiles, planUpgrade } from '../upgrade/plan.js';
import { applyPlan, type Plan } from './apply.js';
import type { Door, LogLinesFile } from './door.js';
import { isWrittenOnce, LOG_LINES, readProjectContext, SUBSCRIPTIONS, type ProjectContext } from './project-context.js';
import { YO_RC, yoRcWith } from './project-record.js';
import { runGuarded } from './run.js';

export interface AddFilterRequest {
  /** The project folder. */
  root: string;
  flags: Readonly<Record<string, string | boolean | undefined>>;
  /** What the user ran, for messages: `yo log-lambda:filter` or `create-log-lambda --add-filter`. */
  command: string;
}

/** Files this command writes itself (the user's lists and the settings): kept out of the merge. */
const SPLICED = new Set([SUBSCRIPTIONS, LOG_LINES, YO_RC, BASE_RECORD_PATH]);

export async function planAddFilter(door: Door, { root, flags, command }: AddFilterRequest): Promise<{ plan: Plan; added: Subscription }> {
  const project = readProjectContext(root, command);
  for (const entry of project.read.entries.filter((e) => e.opaque)) {
    door.log(
      `${SUBSCRIPTIONS}:${entry.line}: an entry whose values are not all literals${entry.name ? ` (${entry.name})` : ''}: its name and log group cannot be checked here; synth checks them`,
    );
  }
  const answers = await resolveAnswers<Exclude<keyof Answers, 'projectName'>>(filterQuestions, {
    flags,
    interactive: door.interactive,
    ask: door.ask,
    context: { model: project.model },
  });
  const added = subscriptionFromAnswers(answers);
  const after = addSubscription(project.model, added);
  refuseOverfullStack(after, added);
  const logLines: LogLinesFile = { ...project.logLines.entries, [added.name]: sampleLogLines(answers.filterPattern, answers.sampleLogLine) };

  const writes = new Map<string, Buffer>();
  writes.set(SUBSCRIPTIONS, Buffer.from(appendSubscription(project.source, added, SUBSCRIPTIONS), 'utf8'));
  writes.set(LOG_LINES, Buffer.from(withLineEndingsOf(project.logLines.text, `${JSON.stringify(logLines, null, 2)}\n`), 'utf8'));
  // The settings only: a list stored there by 0.1.0 would be a second, stale copy.
  writes.set(YO_RC, yoRcWith(root, after));
  const merged = mergeDerivedFiles(door, project, after, logLines);
  for (const [file, contents] of merged.writes) writes.set(file, contents);
  const record = updatedBaseRecord(root, merged.rendered);
  if (record) writes.set(BASE_RECORD_PATH, record);
  return { plan: { root, writes, removes: merged.removes }, added };
}

export async function runAddFilter(door: Door, request: AddFilterRequest): Promise<void> {
  const { plan, added } = await planAddFilter(door, request);
  await runGuarded(plan.root, async (transaction) => {
    applyPlan(plan, transaction, (action, file) => door.log(`   ${action} ${file}`));
    transaction.keep();
  });
  door.log(`\nAdded subscription filter ${JSON.stringify(added.name)} on ${subscriptionTarget(added)}. Check it with your tests and synth, then deploy.\n`);
}

/**
 * Every other file whose rendering the new subscription changes, merged three ways: base what
 * this version renders for the project as it was, theirs what it renders now, ours the file on
 * disk. A file the user deleted stays deleted; a README without its markers keeps its diagram.
 */
function mergeDerivedFiles(door: Door, project: ProjectContext, after: ProjectModel, logLines: LogLinesFile) {
  const before = door.render(project.model, project.logLines.entries);
  const now = door.render(after, logLines);
  const ours = new Map<string, Buffer>();
  const base = new Map<string, Buffer>();
  const theirs = new Map<string, Buffer>();
  for (const file of new Set([...before.keys(), ...now.keys()])) {
    if (SPLICED.has(file) || isWrittenOnce(file)) continue;
    const [was, is] = [before.get(file), now.get(file)];
    if (was && is && was.equals(is)) continue;
    const onDisk = readContained(project.root, file);
    if (was && !onDisk) continue; // deleted by the user: stays deleted
    if (file === 'README.md' && onDisk && is && replaceManagedRegion(onDisk.toString('utf8'), is.toString('utf8')) === undefined) {
      door.log('README.md: the log-lambda:subscriptions markers are gone, so its diagram was not updated');
      continue;
    }
    if (was) base.set(file, was);
    if (is) theirs.set(file, is);
    if (onDisk) ours.set(file, onDisk);
  }
  const version = { from: project.settings.generatorVersion ?? door.generatorVersion, to: door.generatorVersion };
  const upgrade = planUpgrade({ base, ours, theirs }, version);
  const conflicted = conflictedFiles(upgrade);
  if (conflicted.length > 0) {
    throw new InputError(
      conflicted.join(', '),
      `the new subscription changes ${conflicted.length === 1 ? 'this file' : 'these files'} where you changed the same lines; nothing was changed`,
      'commit your changes, bring the project to the current templates (npm create log-lambda@latest -- --upgrade), then add the filter',
    );
  }
  const writes = new Map<string, Buffer>();
  const removes: string[] = [];
  for (const change of upgrade.changes) {
    if (change.action === 'removed') removes.push(change.path);
    else if (change.contents) writes.set(change.path, change.contents);
  }
  return { writes, removes, rendered: new Map([...theirs].filter(([file]) => writes.has(file))) };
}

/** The base record with the files this run rendered anew, so that a later upgrade merges from them. */
function updatedBaseRecord(root: string, rendered: ReadonlyMap<string, Buffer>): Buffer | undefined {
  if (rendered.size === 0) return undefined;
  const text = readContained(root, BASE_RECORD_PATH)?.toString('utf8');
  const record = text === undefined ? undefined : parseBaseRecord(text);
  if (record === undefined || typeof record === 'string') return undefined; // none (0.1.0), or unreadable: upgrade says so
  const files = new Map(record.files);
  for (const [file, contents] of rendered) files.set(file, contents);
  return Buffer.from(serializeBaseRecord(record.generatorVersion, files), 'utf8');
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
