/**
 * Create: a new project from the answers (flags, then prompts), planned in full, checked (links,
 * the user's files it would replace), then written under a transaction, installed and committed.
 * Both doors run this; they differ only in how they ask and print (door.ts).
 */
import path from 'node:path';
import { deployNotes } from '../deploy-notes.js';
import { InputError } from '../input-error.js';
import { addSubscription, emptyModel, isNamed, type ProjectModel } from '../model.js';
import { checkPackageManager, detectPackageManager, nextSteps, type PackageManager } from '../package-manager.js';
import { appQuestions, resolveAnswers, subscriptionFromAnswers, type Answers } from '../questions.js';
import { sampleLogLines } from '../sample-log-lines.js';
import { applyPlan, refusePlanLinks, type Plan } from './apply.js';
import { findCollisions, settleCollisions } from './collisions.js';
import type { Door, LogLinesFile } from './door.js';
import { initGitRepository } from './git.js';
import { installInRun } from './install.js';
import { BASE_RECORD_PATH, baseRecordOf, YO_RC, yoRcWith } from './project-record.js';
import { checkTargetFolder, refuseExistingProject, refuseNonEmptyTarget } from './project-folder.js';
import { runGuarded } from './run.js';

/** The flags of create, by their names in appFlags (`log-group`, `skip-install`…). */
export type CreateFlags = Readonly<Record<string, string | boolean | undefined>>;

export interface CreateRequest {
  /** The directory argument, relative to door.cwd (default: door.cwd itself). */
  directory: string | undefined;
  flags: CreateFlags;
}

/** What a create decided before writing: the project, where, and the plan. */
export interface CreatePlan {
  target: string;
  model: ProjectModel;
  packageManager: PackageManager;
  plan: Plan;
}

/** Everything but the writing: the checks, the questions, the files. Nothing on disk changes. */
export async function planCreate(door: Door, { directory, flags }: CreateRequest): Promise<CreatePlan> {
  const target = path.resolve(door.cwd, directory ?? '.');
  checkTargetFolder(target);
  refuseExistingProject(target);
  if (!flags['force']) refuseNonEmptyTarget(target);
  const packageManager = chosenPackageManager(flags['package-manager']);
  const answers = await resolveAnswers<keyof Answers>(appQuestions, {
    flags,
    interactive: door.interactive,
    ask: door.ask,
    context: { directoryName: path.basename(target) },
  });
  const subscription = subscriptionFromAnswers(answers);
  const model = addSubscription(emptyModel(answers.projectName, door.generatorVersion), subscription);
  // Where to exclude more log groups from a prefix or the account.
  if (!isNamed(subscription)) model.excludedLogGroups = [];
  if (answers.alarmEmail) model.alarmEmail = answers.alarmEmail;
  const logLines: LogLinesFile = { [answers.filterName]: sampleLogLines(answers.filterPattern, answers.sampleLogLine) };
  const files = door.render(model, logLines);
  const writes = new Map(files);
  // What an upgrade merges the user's changes from, in the project itself (it may have no git history).
  writes.set(BASE_RECORD_PATH, baseRecordOf(door.generatorVersion, files));
  writes.set(YO_RC, yoRcWith(target, model));
  const plan: Plan = { root: target, writes, removes: [] };
  refusePlanLinks(plan);
  return { target, model, packageManager, plan };
}

export async function runCreate(door: Door, request: CreateRequest): Promise<void> {
  const { flags } = request;
  const { target, model, packageManager, plan } = await planCreate(door, request);
  // .yo-rc.json is merged into another generator's, never a collision.
  const found = findCollisions({ ...plan, writes: new Map([...plan.writes].filter(([file]) => file !== YO_RC)) });
  const settled = await settleCollisions(found, door, Boolean(flags['overwrite']));
  const final: Plan = { ...settled, writes: new Map([...settled.writes, [YO_RC, plan.writes.get(YO_RC)!]]) };
  const installed = !flags['skip-install'];
  await runGuarded(target, async (transaction) => {
    applyPlan(final, transaction, (action, file) => door.log(`   ${action === 'update' ? 'replace' : action} ${path.relative(door.cwd, path.join(target, file))}`));
    // Only the install failing, after a complete write, keeps the project: it still gets its
    // first commit, and the end says every step that is left.
    const installFailure = installed ? await installInRun(transaction, packageManager, target, door.log) : undefined;
    if (flags['git'] !== false) initGitRepository(target, door.log);
    transaction.keep();
    const steps = nextSteps({ directory: path.relative(door.cwd, target), packageManager, installed: installed && installFailure === undefined });
    const list = steps.map((step) => `  ${step}`).join('\n');
    if (installFailure) {
      door.log(`\nThe project is written, but its install failed. What is left to run:\n\n${list}\n`);
      throw installFailure;
    }
    const notes = deployNotes(model.subscriptions).map((note) => `${note}\n`);
    door.log(`\nDone. Now run:\n\n${list}\n${notes.length > 0 ? `\n${notes.join('')}` : ''}`);
  });
}

function chosenPackageManager(chosen: string | boolean | undefined): PackageManager {
  if (chosen === undefined) return detectPackageManager(process.env['npm_config_user_agent']);
  const problem = checkPackageManager(String(chosen));
  if (problem) throw new InputError('--package-manager', problem);
  return chosen as PackageManager;
}
