import { describe, expect, it, vi } from 'vitest';
import { addSubscription, appQuestions, emptyModel, filterQuestions, resolveAnswers, subscriptionFromAnswers, type Answers, type Ask } from '../src/index.js';

const neverAsk: Ask = () => {
  throw new Error('asked a question without a terminal');
};

describe('resolveAnswers', () => {
  it('takes every answer from flags, checked', async () => {
    const answers = await resolveAnswers(appQuestions, {
      flags: {
        'project-name': 'my-app',
        'log-group': '/aws/lambda/versions',
        'filter-pattern': 'ERROR',
        'filter-name': 'errors',
        'create-log-group': true,
        'sample-log-line': '[ERROR] boom',
        'alarm-email': 'ops@example.com',
      },
      interactive: false,
      ask: neverAsk,
    });
    expect(answers).toEqual({
      projectName: 'my-app',
      logGroupName: '/aws/lambda/versions',
      filterPattern: 'ERROR',
      filterName: 'errors',
      createLogGroup: true,
      sampleLogLine: '[ERROR] boom',
      alarmEmail: 'ops@example.com',
    });
  });

  it('fills the rest with defaults when not interactive', async () => {
    const answers = await resolveAnswers(appQuestions, {
      flags: { 'log-group': '/aws/lambda/versions' },
      interactive: false,
      ask: neverAsk,
      context: { directoryName: 'My App' },
    });
    expect(answers).toEqual({
      projectName: 'my-app',
      logGroupName: '/aws/lambda/versions',
      filterPattern: '',
      filterName: 'my-app-aws-lambda-versions',
      createLogGroup: false,
      sampleLogLine: 'a sample log line',
      alarmEmail: '',
    });
  });

  it('derives a sample log line the pattern forwards, and refuses one it does not', async () => {
    const flags = { 'project-name': 'x', 'log-group': '/g', 'filter-pattern': '{ $.level = "ERROR" }' };
    const derived = await resolveAnswers(appQuestions, { flags, interactive: false, ask: neverAsk });
    expect(derived.sampleLogLine).toBe('{"level":"ERROR"}');
    await expect(resolveAnswers(appQuestions, { flags: { ...flags, 'sample-log-line': 'INFO fine' }, interactive: false, ask: neverAsk })).rejects.toThrow(
      /^--sample-log-line: "INFO fine" is not forwarded by the filter pattern "\{ \$\.level = \\"ERROR\\" \}"; give a line it matches$/,
    );
  });

  it('needs --sample-log-line when no line can be derived and there is no terminal', async () => {
    const flags = { 'project-name': 'x', 'log-group': '/g', 'filter-pattern': '{ $.a = 1 && $.a = 2 }' };
    await expect(resolveAnswers(appQuestions, { flags, interactive: false, ask: neverAsk })).rejects.toThrow(
      /^--sample-log-line: is required \(pass --sample-log-line <value>: .*; no line could be derived from this filter pattern\)$/,
    );
  });

  it('refuses an --alarm-email that is not an address, naming the flag', async () => {
    await expect(resolveAnswers(appQuestions, { flags: { 'project-name': 'x', 'log-group': '/g', 'alarm-email': 'ops' }, interactive: false, ask: neverAsk })).rejects.toThrow(
      /^--alarm-email: "ops" is not an email address, e\.g\. ops@example\.com/,
    );
  });

  it('keeps an empty --filter-pattern as "every event"', async () => {
    const answers = await resolveAnswers(appQuestions, {
      flags: { 'project-name': 'x', 'log-group': '/g', 'filter-pattern': '' },
      interactive: true,
      ask: async (_q, d) => d ?? 'asked',
    });
    expect(answers.filterPattern).toBe('');
  });

  it('names the flag when a required value is missing and there is no terminal', async () => {
    await expect(resolveAnswers(appQuestions, { flags: { 'project-name': 'x' }, interactive: false, ask: neverAsk })).rejects.toThrow(
      /^--log-group: is required \(pass --log-group <value>/,
    );
  });

  it('checks flags before asking anything', async () => {
    const ask = vi.fn<Ask>(async () => 'x');
    await expect(resolveAnswers(appQuestions, { flags: { 'project-name': 'x', 'filter-name': 'a:b' }, interactive: true, ask })).rejects.toThrow(
      /^--filter-name: "a:b" contains ":"/,
    );
    expect(ask).not.toHaveBeenCalled();
  });

  it('refuses an invalid default too, naming the flag that overrides it', async () => {
    await expect(resolveAnswers(appQuestions, { flags: { 'log-group': '/g' }, interactive: false, ask: neverAsk, context: { directoryName: '2024' } })).rejects.toThrow(
      /^--project-name: "2024" must start with a lowercase letter/,
    );
  });

  it('a default derived from a flag the user gave, refused by its own check, names that flag (a --filter-pattern with a quoted newline)', async () => {
    await expect(
      resolveAnswers(appQuestions, { flags: { 'log-group': '/g', 'filter-pattern': '"first\nsecond"' }, interactive: false, ask: neverAsk, context: { directoryName: 'x' } }),
    ).rejects.toThrow(
      /^--filter-pattern: the --sample-log-line derived from it, "first\\nsecond", is refused: it must be one non-empty log line \(give one with --sample-log-line <value>\)$/,
    );
  });

  it('filter without a log group never suggests --account-policy, which filter does not take', async () => {
    const error = await resolveAnswers(filterQuestions, { flags: {}, interactive: false, ask: neverAsk, context: { model: emptyModel('x', '0.2.0') } }).catch((e: Error) => e);
    expect(String(error)).toMatch(/--log-group: is required .*--log-group-prefix/);
    expect(String(error)).not.toContain('--account-policy');
    expect(filterQuestions.map((q) => q.description).join('\n')).not.toContain('--account-policy');
  });

  it('asks in order, offering defaults derived from earlier answers', async () => {
    const asked: Array<[string, unknown]> = [];
    const replies: Record<string, string | boolean> = { projectName: 'shop', logGroupName: '/aws/lambda/orders', filterPattern: '?ERROR ?WARN' };
    const answers = await resolveAnswers(appQuestions, {
      flags: {},
      interactive: true,
      ask: async (question, defaultValue) => {
        asked.push([question.name, defaultValue]);
        return replies[question.name] ?? defaultValue ?? '';
      },
      context: { directoryName: 'shop' },
    });
    expect(asked).toEqual([
      ['projectName', 'shop'],
      ['logGroupName', undefined],
      ['filterPattern', ''],
      ['filterName', 'shop-aws-lambda-orders'],
      ['createLogGroup', false],
      ['sampleLogLine', 'ERROR'],
      ['alarmEmail', ''],
    ]);
    expect(answers.filterName).toBe('shop-aws-lambda-orders');
  });

  it('derives filter defaults from the existing project (filter generator)', async () => {
    const model = addSubscription(emptyModel('shop'), {
      name: 'shop-app-api',
      logGroupName: '/app/api',
      filterPattern: '',
      createLogGroup: true,
    });
    const answers = await resolveAnswers(filterQuestions, { flags: { 'log-group': '/app/api' }, interactive: false, ask: neverAsk, context: { model } });
    expect(answers).toMatchObject({ filterName: 'shop-app-api-2', createLogGroup: true });
  });
});

describe('by prefix, or the whole account', () => {
  const resolve = (flags: Record<string, unknown>, interactive = false, ask: Ask = neverAsk) =>
    resolveAnswers<keyof Answers>(appQuestions, { flags: { 'project-name': 'my-app', 'filter-pattern': 'ERROR', ...flags }, interactive, ask });

  it('--log-group-prefix: a prefix subscription named after it, and no --create-log-group question', async () => {
    const answers = await resolve({ 'log-group-prefix': '/aws/lambda/' });
    expect(subscriptionFromAnswers(answers)).toEqual({ name: 'my-app-aws-lambda', logGroupNamePrefix: '/aws/lambda/', filterPattern: 'ERROR' });
    expect(answers).not.toHaveProperty('createLogGroup');
  });

  it('a log group answer ending in * is a prefix, typed or given', async () => {
    const ask = vi.fn<Ask>(async (question, defaultValue) => (question.flag === 'log-group' ? '/app/*' : (defaultValue ?? '')));
    const answers = await resolve({}, true, ask);
    expect(subscriptionFromAnswers(answers)).toEqual({ name: 'my-app-app', logGroupNamePrefix: '/app/', filterPattern: 'ERROR' });
    // Never asked: the account policy (a flag only) and the prefix (asked through the log group).
    expect(ask.mock.calls.map(([question]) => question.flag)).not.toContain('account-policy');
    expect(ask.mock.calls.map(([question]) => question.flag)).not.toContain('create-log-group');
  });

  it('--account-policy: an account subscription, no log group asked', async () => {
    const answers = await resolve({ 'account-policy': true });
    expect(subscriptionFromAnswers(answers)).toEqual({ name: 'my-app-account', accountPolicy: true, filterPattern: 'ERROR' });
  });

  it.each([
    [
      { 'account-policy': true, 'log-group-prefix': '/a/' },
      '--log-group-prefix: does not apply here: the account policy covers every log group already (leave out --log-group-prefix)',
    ],
    [{ 'log-group-prefix': '/a/', 'log-group': '/a/b' }, '--log-group: does not apply here: it goes with a log group or a prefix, not both (leave out --log-group)'],
    [{ 'log-group-prefix': '' }, '--log-group-prefix: must not be empty: to subscribe every log group of the account, create a project with --account-policy'],
  ])('refuses %j', async (flags, message) => {
    await expect(resolve(flags)).rejects.toThrow(message);
  });

  it('without a log group, a prefix or the account, names all three', async () => {
    await expect(resolve({})).rejects.toThrow(
      /^--log-group: is required \(pass --log-group <value>: .*; or --log-group-prefix <prefix> for every log group under a prefix, or --account-policy for every log group of the account\)$/,
    );
  });
});

describe('an invalid filter pattern', () => {
  it('is refused with its position, and a caret line for the terminal', async () => {
    const refusal = resolveAnswers(appQuestions, {
      flags: { 'project-name': 'x', 'log-group': '/g', 'filter-pattern': 'ERROR "unclosed' },
      interactive: false,
      ask: () => Promise.reject(new Error('no terminal')),
    });
    await expect(refusal).rejects.toMatchObject({
      message: '--filter-pattern: unclosed quote at 6',
      detail: 'ERROR "unclosed\n      ^ unclosed quote at 6',
    });
  });
});
