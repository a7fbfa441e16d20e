/**
 * What the deploy needs that no synth can check, said under "Done. Now run:": CloudFormation
 * fails on it only minutes into `npm run deploy`.
 */
import { isAccount, isNamed, type Subscription } from './model.js';

export function deployNotes(subscriptions: readonly Subscription[]): string[] {
  const notes: string[] = [];
  const imported = [
    ...new Set(
      subscriptions
        .filter(isNamed)
        .filter((s) => !s.createLogGroup)
        .map((s) => s.logGroupName),
    ),
  ];
  if (imported.length > 0) {
    notes.push(
      `Before \`npm run deploy\`: every log group subscribed by name must exist already (${imported.join(', ')}), unless createLogGroup is true for it in lib/subscriptions.ts.`,
    );
  }
  if (subscriptions.some(isAccount)) {
    notes.push(
      'An account policy needs an account and region with no subscription filter account policy yet (one is allowed); check with `aws logs describe-account-policies --policy-type SUBSCRIPTION_FILTER_POLICY`.',
    );
  }
  return notes;
}
