/**
 * The project as it is, read once for a command: its settings (.yo-rc.json), its subscriptions
 * (lib/subscriptions.ts, the one list), its sample lines (test/fixtures/log-lines.json), each
 * through the one read rule (no link followed).
 */
import { readContained, refuseLinks } from '../contained.js';
import { InputError } from '../input-error.js';
import { isUserFile } from '../layout.js';
import type { ProjectModel, ProjectSettings } from '../model.js';
import { readProjectSettings, YO_RC_KEY } from '../project-file.js';
import { readSubscriptionsSource, type SubscriptionsSource } from '../subscriptions-source.js';
import type { LogLinesFile } from './door.js';
import { findProjectAbove } from './project-root.js';
import { YO_RC } from './project-record.js';

export const SUBSCRIPTIONS = 'lib/subscriptions.ts';
export const LOG_LINES = 'test/fixtures/log-lines.json';

/**
 * The user's files log-lambda writes once and never again (src/process.ts, its test): the two
 * lists among the user's files (subscriptions, sample lines) are edited as data instead.
 */
export function isWrittenOnce(file: string): boolean {
  return isUserFile(file) && file !== SUBSCRIPTIONS && file !== LOG_LINES;
}

export interface ProjectContext {
  root: string;
  settings: ProjectSettings;
  /** lib/subscriptions.ts as text, and as read. */
  source: string;
  read: SubscriptionsSource;
  model: ProjectModel;
  logLines: { text: string; entries: LogLinesFile };
}

/** Reads the project at `root`; `command` names what the user ran, for the refusal when it is not a project. */
export function readProjectContext(root: string, command: string): ProjectContext {
  refuseLinks(root, [YO_RC, 'cdk.json', SUBSCRIPTIONS, 'README.md', LOG_LINES]);
  const settings = readSettingsAt(root, command);
  const { source, read } = readSubscriptionsFile(root, 'put the subscriptions back in that form, or add the filter to the stack by hand');
  return { root, settings, source, read, model: { ...settings, subscriptions: read.subscriptions }, logLines: readLogLines(root) };
}

/**
 * The project's settings: .yo-rc.json marks the project, the stack's settings are in cdk.json's
 * context (0.2.0 kept some in .yo-rc.json). Refuses, naming `field`, a folder that is not a
 * project's root, pointing at the root when there is one above.
 */
export function readSettingsAt(root: string, field: string): ProjectSettings {
  const text = readContained(root, YO_RC)?.toString('utf8');
  let settings: ProjectSettings | string = 'no .yo-rc.json';
  if (text !== undefined) {
    try {
      settings = readProjectSettings(text, readContained(root, 'cdk.json')?.toString('utf8'));
    } catch {
      settings = '.yo-rc.json is not JSON';
    }
  }
  if (typeof settings !== 'string') return settings;
  const project = findProjectAbove(root);
  throw new InputError(
    field,
    `${root} is not the root of a log-lambda project (${settings})`,
    project ? `run it in ${project}` : 'run it in the folder made by npm create log-lambda or yo log-lambda, where .yo-rc.json is',
  );
}

/** What .yo-rc.json stores under our key, as it is (nothing when it cannot be read). */
export function storedSettings(root: string): Record<string, unknown> {
  try {
    const entry = (JSON.parse(readContained(root, YO_RC)?.toString('utf8') ?? '{}') as Record<string, unknown>)[YO_RC_KEY];
    return typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** lib/subscriptions.ts, the one list, as text and as read; `hint` says what to do when it is not in the form log-lambda reads. */
export function readSubscriptionsFile(root: string, hint: string): { source: string; read: SubscriptionsSource } {
  const source = readContained(root, SUBSCRIPTIONS)?.toString('utf8');
  if (source === undefined) {
    throw new InputError(SUBSCRIPTIONS, "is missing, and it holds the project's subscriptions", `restore it (git checkout -- ${SUBSCRIPTIONS}) and run again`);
  }
  const read = readSubscriptionsSource(source, SUBSCRIPTIONS);
  if (typeof read === 'string') throw new InputError(SUBSCRIPTIONS, `${read.replace(`${SUBSCRIPTIONS} `, '')}; nothing was changed`, hint);
  return { source, read };
}

/** The sample lines as they are now; refuses (before anything is written) when they are not JSON. */
function readLogLines(root: string): { text: string; entries: LogLinesFile } {
  const text = readContained(root, LOG_LINES)?.toString('utf8');
  if (text === undefined) return { text: '', entries: {} };
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return { text, entries: parsed as LogLinesFile };
  } catch {
    // reported below
  }
  throw new InputError(LOG_LINES, 'is not a JSON object of sample lines, so it cannot be updated; nothing was changed', `fix the JSON (git diff ${LOG_LINES}) and run again`);
}
