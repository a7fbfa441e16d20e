import { describe, expect, it } from 'vitest';
import { deployNotes } from '../src/index.js';

describe('deployNotes', () => {
  it('names the log groups that must exist before the deploy, once each, and none the stack creates', () => {
    const notes = deployNotes([
      { name: 'a', logGroupName: '/app/api', filterPattern: '', createLogGroup: false },
      { name: 'b', logGroupName: '/app/api', filterPattern: 'ERROR', createLogGroup: false },
      { name: 'c', logGroupName: '/app/made', filterPattern: '', createLogGroup: true },
      { name: 'p', logGroupNamePrefix: '/aws/lambda/', filterPattern: '' },
    ]);
    expect(notes).toEqual([
      'Before `npm run deploy`: every log group subscribed by name must exist already (/app/api), unless createLogGroup is true for it in lib/subscriptions.ts.',
    ]);
  });

  it('says an account policy needs an account without one', () => {
    expect(deployNotes([{ name: 'all', accountPolicy: true, filterPattern: '' }])).toEqual([
      'An account policy needs an account and region with no subscription filter account policy yet (one is allowed); check with `aws logs describe-account-policies --policy-type SUBSCRIPTION_FILTER_POLICY`.',
    ]);
  });

  it('nothing to say for prefixes or created groups', () => {
    expect(deployNotes([{ name: 'p', logGroupNamePrefix: '/x/', filterPattern: '' }])).toEqual([]);
  });
});
