/**
 * Reading what a generated project holds: the settings stored in `.yo-rc.json`, and the README's
 * managed region.
 */
import { DEFAULT_MAX_FILTERS_PER_LOG_GROUP, type ProjectSettings } from './model.js';

/** The key of a log-lambda project's entry in `.yo-rc.json`. */
export const YO_RC_KEY = 'generator-log-lambda';

/**
 * The settings from `.yo-rc.json`'s `generator-log-lambda` entry, or a sentence saying what is
 * wrong with them. A `subscriptions` list stored there by 0.1.0 is ignored: lib/subscriptions.ts
 * is the one source of truth.
 */
export function parseSettings(value: unknown): ProjectSettings | string {
  if (!isRecord(value) || Object.keys(value).length === 0) return 'has no generator-log-lambda settings';
  const { projectName, maxFiltersPerLogGroup = DEFAULT_MAX_FILTERS_PER_LOG_GROUP, generatorVersion, alarmEmail, excludedLogGroups } = value;
  if (typeof projectName !== 'string') return 'has no projectName';
  if (!Number.isInteger(maxFiltersPerLogGroup) || (maxFiltersPerLogGroup as number) < 1) return 'has a maxFiltersPerLogGroup that is not a whole number above 0';
  if (generatorVersion !== undefined && typeof generatorVersion !== 'string') return 'has a generatorVersion that is not a string';
  if (alarmEmail !== undefined && typeof alarmEmail !== 'string') return 'has an alarmEmail that is not a string';
  if (excludedLogGroups !== undefined && !(Array.isArray(excludedLogGroups) && excludedLogGroups.every((name) => typeof name === 'string'))) {
    return 'has an excludedLogGroups that is not a list of log group names';
  }
  return {
    projectName,
    maxFiltersPerLogGroup: maxFiltersPerLogGroup as number,
    ...(generatorVersion !== undefined && { generatorVersion }),
    ...(alarmEmail !== undefined && { alarmEmail }),
    ...(excludedLogGroups !== undefined && { excludedLogGroups: excludedLogGroups as string[] }),
  };
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
