// The project's settings, shared with log-lambda's generators: the `generator-log-lambda` entry of
// .yo-rc.json. Change them there; the stack and `yo log-lambda:filter` read the same values.
import { readFileSync } from 'node:fs';

const file = new URL('../.yo-rc.json', import.meta.url);

function read(): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {}; // no .yo-rc.json: the defaults below
  }
  const entry = (JSON.parse(text) as Record<string, unknown>)['generator-log-lambda'];
  return typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
}

const settings = read();

/**
 * AWS's quota of subscription filters per log group: 2 in the CloudWatch Logs API reference. If
 * your account has a higher one, set `maxFiltersPerLogGroup` in .yo-rc.json.
 */
export const maxFiltersPerLogGroup: number = typeof settings['maxFiltersPerLogGroup'] === 'number' ? settings['maxFiltersPerLogGroup'] : 2;

/**
 * Log groups that prefix subscriptions and the account policy leave alone, besides the stack's
 * own (never subscribed: the function would invoke itself). Add names to `excludedLogGroups` in
 * .yo-rc.json, then deploy.
 */
export const excludedLogGroups: readonly string[] = Array.isArray(settings['excludedLogGroups'])
  ? settings['excludedLogGroups'].filter((name): name is string => typeof name === 'string')
  : [];
