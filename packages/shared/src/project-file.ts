/**
 * Reading what a generated project holds: what marks it (`.yo-rc.json`), its settings (cdk.json's
 * context), and the README's managed region.
 */
import { DEFAULT_MAX_FILTERS_PER_LOG_GROUP, type ProjectSettings, type StackSettings } from './model.js';

/** The key of a log-lambda project's entry in `.yo-rc.json`. */
export const YO_RC_KEY = 'generator-log-lambda';

const STACK_SETTINGS = ['maxFiltersPerLogGroup', 'alarmEmail', 'excludedLogGroups'] as const;

/** What `.yo-rc.json` held and holds no more: 0.1.0's copy of the subscriptions, 0.2.0's stack settings (cdk.json's context now). */
export const STALE_YO_RC_KEYS: readonly string[] = ['subscriptions', ...STACK_SETTINGS];

/**
 * The settings from `.yo-rc.json`'s `generator-log-lambda` entry and cdk.json's `context`, or a
 * phrase saying what is wrong with them ("has no projectName", "cdk.json's context has …"). A
 * stack setting is read from the context, else from the entry, where 0.2.0 kept
 * maxFiltersPerLogGroup and excludedLogGroups (so that an upgrade renders them into cdk.json),
 * else its default. A `subscriptions` list stored there by 0.1.0 is ignored: lib/subscriptions.ts
 * is the one source of truth.
 */
export function parseSettings(entry: unknown, context: unknown = {}): ProjectSettings | string {
  if (!isRecord(entry) || Object.keys(entry).length === 0) return 'has no generator-log-lambda settings';
  const { projectName, generatorVersion } = entry;
  if (typeof projectName !== 'string') return 'has no projectName';
  if (generatorVersion !== undefined && typeof generatorVersion !== 'string') return 'has a generatorVersion that is not a string';
  const fromContext = isRecord(context) ? context : {};
  const settings: Partial<Record<(typeof STACK_SETTINGS)[number], unknown>> = {};
  for (const name of STACK_SETTINGS) {
    const [where, value] = name in fromContext ? ["cdk.json's context ", fromContext[name]] : ['', entry[name]];
    const problem = stackSettingProblem(name, value);
    if (problem) return `${where}has ${problem}`;
    if (value !== undefined) settings[name] = value;
  }
  return {
    projectName,
    ...(generatorVersion !== undefined && { generatorVersion }),
    maxFiltersPerLogGroup: DEFAULT_MAX_FILTERS_PER_LOG_GROUP,
    ...(settings as Partial<StackSettings>),
  };
}

function stackSettingProblem(name: (typeof STACK_SETTINGS)[number], value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (name === 'maxFiltersPerLogGroup' && !(Number.isInteger(value) && (value as number) >= 1)) return 'a maxFiltersPerLogGroup that is not a whole number above 0';
  if (name === 'alarmEmail' && typeof value !== 'string') return 'an alarmEmail that is not a string';
  if (name === 'excludedLogGroups' && !(Array.isArray(value) && value.every((item) => typeof item === 'string')))
    return 'an excludedLogGroups that is not a list of log group names';
  return undefined;
}

/**
 * A project's settings from the texts of its `.yo-rc.json` and cdk.json (undefined: none), or a
 * sentence that starts with the file it is about and says what is wrong.
 */
export function readProjectSettings(yoRcText: string, cdkJsonText: string | undefined): ProjectSettings | string {
  const yoRc = parseJson(yoRcText);
  if (!isRecord(yoRc)) return '.yo-rc.json is not a JSON object';
  const cdkJson = cdkJsonText === undefined ? {} : parseJson(cdkJsonText);
  if (!isRecord(cdkJson)) return 'cdk.json is not a JSON object';
  const context = cdkJson['context'] ?? {};
  if (!isRecord(context)) return "cdk.json's context is not a JSON object";
  const settings = parseSettings(yoRc[YO_RC_KEY], context);
  return typeof settings !== 'string' ? settings : settings.startsWith('cdk.json') ? settings : `.yo-rc.json ${settings}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Whether the text of a `.yo-rc.json` holds a log-lambda project (the app generator never runs over one). */
export function holdsLogLambdaProject(yoRcText: string): boolean {
  try {
    const parsed: unknown = JSON.parse(yoRcText);
    return isRecord(parsed) && YO_RC_KEY in parsed;
  } catch {
    return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The markers stand alone on their lines: a filter pattern shown in the region (in a table row,
// which starts with `|`) that contains a marker's text cannot end the region early.
const REGION = /^<!-- log-lambda:subscriptions:start[^>\n]*-->\r?$[\s\S]*?^<!-- log-lambda:subscriptions:end -->(?=\r?$)/m;

/**
 * `text` with its managed region (between the log-lambda:subscriptions markers) replaced by the
 * one in `rendered`; undefined when either has no such region.
 */
export function replaceManagedRegion(text: string, rendered: string): string | undefined {
  const region = REGION.exec(rendered)?.[0];
  if (region === undefined || !REGION.test(text)) return undefined;
  // A README checked out with CRLF line endings keeps them.
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return text.replace(REGION, () => region.replace(/\r?\n/g, eol));
}
