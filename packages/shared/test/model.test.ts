import { describe, expect, it } from 'vitest';
import { addSubscription, emptyModel, functionLogGroupName, InputError, projectSettings, stackSettings, subscriptionTarget, type NamedSubscription } from '../src/index.js';

const sub = (overrides: Partial<NamedSubscription> = {}): NamedSubscription => ({
  name: 'first',
  logGroupName: '/app/api',
  filterPattern: '',
  createLogGroup: false,
  ...overrides,
});

function refusal(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('addSubscription', () => {
  const model = addSubscription(emptyModel('my-app'), sub());

  it('appends, leaving the model it was given untouched', () => {
    const next = addSubscription(model, sub({ name: 'second', logGroupName: '/other' }));
    expect(next.subscriptions.map((s) => s.name)).toEqual(['first', 'second']);
    expect(model.subscriptions).toHaveLength(1);
  });

  it('defaults the per-group quota to 2', () => {
    expect(emptyModel('x').maxFiltersPerLogGroup).toBe(2);
  });

  it('refuses a duplicate filter name, naming --filter-name', () => {
    const error = refusal(() => addSubscription(model, sub({ logGroupName: '/other' })));
    expect(error.field).toBe('--filter-name');
    expect(error.message).toBe('--filter-name: a subscription filter named "first" exists already (choose another --filter-name)');
  });

  it("refuses the function's own log group, and any other log-lambda stack's (a loop through that stack)", () => {
    for (const logGroupName of [functionLogGroupName('my-app'), functionLogGroupName('other-app'), '/aws/lambda/log-lambda/OtherStack/subscriber']) {
      const error = refusal(() => addSubscription(model, sub({ name: 'loop', logGroupName })));
      expect(error.field).toBe('--log-group');
      expect(error.problem).toMatch(/is a log-lambda function's own log group \(under \/aws\/lambda\/log-lambda\/, this stack's or another's\)/);
    }
  });

  it('refuses a prefix under the log groups of log-lambda functions', () => {
    const error = refusal(() => addSubscription(model, { name: 'p', logGroupNamePrefix: '/aws/lambda/log-lambda/Other', filterPattern: '' }));
    expect(error.field).toBe('--log-group-prefix');
    expect(error.problem).toMatch(/lies under \/aws\/lambda\/log-lambda\//);
  });

  it('refuses a filter over the per-group quota, and honours a raised quota', () => {
    const two = addSubscription(model, sub({ name: 'second' }));
    const error = refusal(() => addSubscription(two, sub({ name: 'third' })));
    expect(error.field).toBe('--log-group');
    expect(error.problem).toMatch(/has 2 subscription filters already \(first, second\); AWS allows 2/);
    expect(addSubscription({ ...two, maxFiltersPerLogGroup: 5 }, sub({ name: 'third' })).subscriptions).toHaveLength(3);
  });

  it('refuses to both create and import one log group', () => {
    const error = refusal(() => addSubscription(model, sub({ name: 'second', createLogGroup: true })));
    expect(error.field).toBe('--create-log-group');
    expect(error.hint).toBe('leave out --create-log-group');
  });
});

describe('addSubscription: prefixes and the account', () => {
  const prefix = { name: 'lambdas', logGroupNamePrefix: '/aws/lambda/', filterPattern: '' };
  const account = { name: 'all', accountPolicy: true as const, filterPattern: 'ERROR' };

  it('mixes subscriptions by name and by prefix', () => {
    const model = addSubscription(addSubscription(emptyModel('my-app'), sub()), prefix);
    expect(model.subscriptions.map(subscriptionTarget)).toEqual(['/app/api', '/aws/lambda/*']);
  });

  it('refuses the same prefix with the same pattern twice, naming --log-group-prefix', () => {
    const error = refusal(() => addSubscription(addSubscription(emptyModel('my-app'), prefix), { ...prefix, name: 'again' }));
    expect(error.field).toBe('--log-group-prefix');
  });

  it('keeps the account policy alone: nothing after it, and it after nothing', () => {
    const withAccount = addSubscription(emptyModel('my-app'), account);
    expect(subscriptionTarget(account)).toBe('every log group');
    const after = refusal(() => addSubscription(withAccount, sub()));
    expect(after.field).toBe('--log-group');
    expect(after.problem).toMatch(
      /subscribes every log group of the account already \(account policy all\): another subscription would deliver the same events to the function twice/,
    );
    expect(refusal(() => addSubscription(withAccount, prefix)).field).toBe('--log-group-prefix');
    expect(refusal(() => addSubscription(addSubscription(emptyModel('my-app'), sub()), account)).field).toBe('--account-policy');
  });
});

describe('where the model is kept', () => {
  const model = { ...emptyModel('x', '0.3.0'), alarmEmail: 'ops@example.com', excludedLogGroups: ['/a'], subscriptions: [] };

  it('.yo-rc.json marks the project: its name and the version that made it', () => {
    expect(projectSettings(model)).toEqual({ projectName: 'x', generatorVersion: '0.3.0' });
    expect(projectSettings(emptyModel('x'))).toEqual({ projectName: 'x' });
  });

  it("cdk.json's context holds the stack's settings", () => {
    expect(stackSettings(model)).toEqual({ maxFiltersPerLogGroup: 2, alarmEmail: 'ops@example.com', excludedLogGroups: ['/a'] });
    expect(stackSettings(emptyModel('x'))).toEqual({ maxFiltersPerLogGroup: 2 });
  });
});
