/**
 * Reading what a generated project holds: the model stored in `.yo-rc.json`, and the README's
 * managed region.
 */
import { DEFAULT_MAX_FILTERS_PER_LOG_GROUP, type ProjectModel, type Subscription } from './model.js';

/** The model from `.yo-rc.json`'s `generator-log-lambda` entry, or a sentence saying what is wrong with it. */
export function parseModel(value: unknown): ProjectModel | string {
  if (!isRecord(value) || Object.keys(value).length === 0) return 'has no generator-log-lambda settings';
  const { projectName, maxFiltersPerLogGroup = DEFAULT_MAX_FILTERS_PER_LOG_GROUP, subscriptions, alarmEmail } = value;
  if (typeof projectName !== 'string') return 'has no projectName';
  if (!Number.isInteger(maxFiltersPerLogGroup) || (maxFiltersPerLogGroup as number) < 1) return 'has a maxFiltersPerLogGroup that is not a whole number above 0';
  if (!Array.isArray(subscriptions) || !subscriptions.every(isSubscription)) {
    return 'has a subscriptions list whose entries are not all { name, logGroupName, filterPattern, createLogGroup }';
  }
  if (alarmEmail !== undefined && typeof alarmEmail !== 'string') return 'has an alarmEmail that is not a string';
  return { projectName, maxFiltersPerLogGroup: maxFiltersPerLogGroup as number, subscriptions, ...(alarmEmail !== undefined && { alarmEmail }) };
}

function isSubscription(value: unknown): value is Subscription {
  return (
    isRecord(value) &&
    typeof value['name'] === 'string' &&
    typeof value['logGroupName'] === 'string' &&
    typeof value['filterPattern'] === 'string' &&
    typeof value['createLogGroup'] === 'boolean'
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const REGION = /<!-- log-lambda:subscriptions:start[^>]*-->[\s\S]*?<!-- log-lambda:subscriptions:end -->/;

/**
 * `text` with its managed region (between the log-lambda:subscriptions markers) replaced by the
 * one in `rendered`; undefined when either has no such region.
 */
export function replaceManagedRegion(text: string, rendered: string): string | undefined {
  const region = REGION.exec(rendered)?.[0];
  if (region === undefined || !REGION.test(text)) return undefined;
  return text.replace(REGION, () => region);
}
