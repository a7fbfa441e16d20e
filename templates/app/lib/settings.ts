// The stack's settings for its subscriptions, in cdk.json's context beside alarmEmail: change them
// there. `yo log-lambda:filter` reads the same values.
import { readFileSync } from 'node:fs';

const context = (JSON.parse(readFileSync(new URL('../cdk.json', import.meta.url), 'utf8')) as { context?: Record<string, unknown> }).context ?? {};

/**
 * AWS's quota of subscription filters per log group: 2 in the CloudWatch Logs API reference. If
 * your account has a higher one, set `maxFiltersPerLogGroup` in cdk.json's context.
 */
export const maxFiltersPerLogGroup: number = typeof context['maxFiltersPerLogGroup'] === 'number' ? context['maxFiltersPerLogGroup'] : 2;

/**
 * Log groups that prefix subscriptions and the account policy leave alone, besides the stack's
 * own (never subscribed: the function would invoke itself). Add names to `excludedLogGroups` in
 * cdk.json's context, then deploy.
 */
export const excludedLogGroups: readonly string[] = Array.isArray(context['excludedLogGroups'])
  ? context['excludedLogGroups'].filter((name): name is string => typeof name === 'string')
  : [];
