/** Reading a generated project the way log-lambda does: its subscriptions from lib/subscriptions.ts. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Subscription } from '../../packages/shared/src/index.js';
import { readSubscriptionsSource } from '../../packages/shared/src/subscriptions-source.js';

/** The subscriptions in a subscriptions.ts text. */
export function subscriptionsInText(text: string): Subscription[] {
  const read = readSubscriptionsSource(text);
  if (typeof read === 'string') throw new Error(read);
  return read.subscriptions;
}

/** The subscriptions of the project in `project`. */
export function subscriptionsIn(project: string): Subscription[] {
  return subscriptionsInText(readFileSync(path.join(project, 'lib/subscriptions.ts'), 'utf8'));
}

/** Its `.yo-rc.json` settings. */
export function settingsOf(project: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(project, '.yo-rc.json'), 'utf8'))['generator-log-lambda'];
}
