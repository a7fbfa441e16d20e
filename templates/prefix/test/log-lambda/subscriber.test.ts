import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import {
  CloudWatchLogsClient,
  DeleteSubscriptionFilterCommand,
  DescribeLogGroupsCommand,
  DescribeSubscriptionFiltersCommand,
  PutSubscriptionFilterCommand,
  type SubscriptionFilter,
} from '@aws-sdk/client-cloudwatch-logs';
import { CloudFormationClient, DescribeStacksCommand, type StackStatus } from '@aws-sdk/client-cloudformation';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { checkStackAlive, configFrom, route, StackGoneError, Subscriber, type CustomResourceEvent, type SubscriberConfig } from '../../src/log-lambda/subscriber.js';
import { assertMatch } from './support.js';

const ECHO = 'arn:aws:lambda:us-east-1:123456789012:function:echo';
const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/Stack/1';
const OWN = ['/aws/lambda/log-lambda/Stack/echo', '/aws/lambda/log-lambda/Stack/subscriber'];
const app = { filterName: 'app-errors', logGroupNamePrefix: '/app/', filterPattern: 'ERROR' };
const config: SubscriberConfig = {
  destinationArn: ECHO,
  excludedLogGroups: [...OWN, '/app/excluded'],
  maxFiltersPerLogGroup: 2,
  subscriptions: [app],
  metricNamespace: 'LogLambda/Subscriber',
  stackId: STACK_ID,
};

let logs: AwsClientStub<CloudWatchLogsClient>;
let logged: Array<Record<string, unknown>>;
let slept: number[];

function subscriber(options: { remainingMs?: () => number; beforePut?: () => Promise<void> } = {}): Subscriber {
  return new Subscriber(new CloudWatchLogsClient({ region: 'us-east-1' }), config, {
    sleep: async (ms) => void slept.push(ms),
    log: (record) => void logged.push(record),
    random: () => 1,
    ...options,
  });
}

/** The log groups CloudWatch Logs holds, and their filters, answered page by page (2 a page). */
function account(groups: Record<string, SubscriptionFilter[]>): void {
  const names = Object.keys(groups);
  logs.on(DescribeLogGroupsCommand).callsFake(({ logGroupNamePrefix, nextToken }: { logGroupNamePrefix: string; nextToken?: string }) => {
    const matching = names.filter((name) => name.startsWith(logGroupNamePrefix));
    const start = Number(nextToken ?? 0);
    return { logGroups: matching.slice(start, start + 2).map((logGroupName) => ({ logGroupName })), ...(start + 2 < matching.length && { nextToken: String(start + 2) }) };
  });
  logs.on(DescribeSubscriptionFiltersCommand).callsFake(({ logGroupName }: { logGroupName: string }) => ({ subscriptionFilters: groups[logGroupName] ?? [] }));
}

const put = () => logs.commandCalls(PutSubscriptionFilterCommand).map((call) => call.args[0].input);
const deleted = () => logs.commandCalls(DeleteSubscriptionFilterCommand).map((call) => call.args[0].input);
const foreign = (filterName: string): SubscriptionFilter => ({ filterName, filterPattern: '', destinationArn: 'arn:aws:lambda:us-east-1:123456789012:function:theirs' });
const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });

/**
 * A mocked CloudWatch Logs, reset before each test of the describe block that calls it, where
 * putting and deleting filters succeed. (npm test runs every test file in one process: a hook at
 * the top of a file would apply to the other files' tests too.)
 */
function mockCloudWatchLogs(): void {
  before(() => {
    logs = mockClient(CloudWatchLogsClient);
  });
  after(() => logs.restore());
  beforeEach(() => {
    logs.reset();
    logs.on(PutSubscriptionFilterCommand).resolves({});
    logs.on(DeleteSubscriptionFilterCommand).resolves({});
    logged = [];
    slept = [];
  });
}

describe('the subscriber, at deploy and every hour', () => {
  mockCloudWatchLogs();

  it('subscribes every log group under the prefix, through every page of DescribeLogGroups', async () => {
    account({ '/app/a': [], '/app/b': [], '/app/c': [], '/app/d': [], '/app/e': [], '/other/x': [] });
    const report = await subscriber().subscribeAll(app);
    assert.deepEqual(report.subscribed, ['/app/a', '/app/b', '/app/c', '/app/d', '/app/e']);
    assert.deepEqual(
      logs.commandCalls(DescribeLogGroupsCommand).map((call) => call.args[0].input),
      [{ logGroupNamePrefix: '/app/' }, { logGroupNamePrefix: '/app/', nextToken: '2' }, { logGroupNamePrefix: '/app/', nextToken: '4' }],
    );
    assert.deepEqual(put()[0], { logGroupName: '/app/a', filterName: 'app-errors', filterPattern: 'ERROR', destinationArn: ECHO });
  });

  it("never subscribes the stack's own log groups, another log-lambda stack's, nor the excluded ones", async () => {
    account({
      '/aws/lambda/log-lambda/Stack/echo': [],
      '/aws/lambda/log-lambda/Stack/subscriber': [],
      '/aws/lambda/log-lambda/ProdStack/echo': [],
      '/aws/lambda/log-lambda/ProdStack/subscriber': [],
      '/aws/lambda/api': [],
      '/app/excluded': [],
    });
    const everything = { ...app, logGroupNamePrefix: '/' };
    await subscriber().subscribeAll(everything);
    await subscriber().subscribeAll(app);
    assert.deepEqual(
      put().map((input) => input.logGroupName),
      ['/aws/lambda/api'],
    );
    assert.deepEqual(
      logs.commandCalls(DescribeSubscriptionFiltersCommand).map((call) => call.args[0].input.logGroupName),
      ['/aws/lambda/api'],
    );
  });

  it("says why a log group is left alone: any log-lambda function's own, whichever stack made it, or excluded", () => {
    const alone = subscriber();
    assert.match(alone.excluded('/aws/lambda/log-lambda/OtherStack/echo') ?? '', /log-lambda function's own log group/);
    assert.match(alone.excluded('/aws/lambda/log-lambda/Stack/subscriber') ?? '', /log-lambda function's own log group/);
    assert.match(alone.excluded('/app/excluded') ?? '', /excludedLogGroups/);
    assert.equal(alone.excluded('/aws/lambda/log-lambda-lookalike'), undefined);
    assert.equal(alone.excluded('/aws/lambda/Stack-echo'), undefined);
  });

  it('leaves a filter of someone else alone, and adds its own beside it while the quota allows', async () => {
    account({ '/app/one-foreign': [foreign('theirs')] });
    await subscriber().subscribeAll(app);
    assertMatch(put(), [{ logGroupName: '/app/one-foreign', filterName: 'app-errors' }]);
    assert.deepEqual(deleted(), []);
  });

  it('skips a log group at the per-group limit and reports it: a warning and the GroupsSkippedAtLimit metric', async () => {
    account({ '/app/full': [foreign('a'), foreign('b')], '/app/free': [] });
    const report = await subscriber().subscribeAll(app);
    assertMatch(report, { subscribed: ['/app/free'], skippedAtLimit: ['/app/full'] });
    assert.deepEqual(
      put().map((input) => input.logGroupName),
      ['/app/free'],
    );
    const warning = '1 log groups already have 2 subscription filters of others, left alone: /app/full';
    assert.ok(
      logged.some((record) => record['level'] === 'WARN' && typeof record['message'] === 'string' && record['message'].includes(warning)),
      `a WARN record saying "${warning}" among ${JSON.stringify(logged)}`,
    );
    const metric = logged.find((record) => '_aws' in record)!;
    assertMatch(metric, {
      _aws: { CloudWatchMetrics: [{ Namespace: 'LogLambda/Subscriber', Dimensions: [['FilterName']] }] },
      FilterName: 'app-errors',
      GroupsSkippedAtLimit: 1,
      GroupsSubscribed: 1,
    });
    const [{ Metrics }] = (metric['_aws'] as { CloudWatchMetrics: [{ Metrics: unknown[] }] }).CloudWatchMetrics;
    assert.ok(
      Metrics.some((m) => isDeepStrictEqual(m, { Name: 'GroupsSkippedAtLimit', Unit: 'Count' })),
      `GroupsSkippedAtLimit among ${JSON.stringify(Metrics)}`,
    );
  });

  it('counts a LimitExceededException from AWS as a group at the limit, not a failure', async () => {
    account({ '/app/raced': [foreign('a')] });
    logs.on(PutSubscriptionFilterCommand).rejects(Object.assign(new Error('too many'), { name: 'LimitExceededException' }));
    assert.deepEqual((await subscriber().subscribeAll(app)).skippedAtLimit, ['/app/raced']);
  });

  it('updates its own filter when the pattern changed, and leaves it when it did not', async () => {
    account({
      '/app/same': [{ filterName: 'app-errors', filterPattern: 'ERROR', destinationArn: ECHO }],
      '/app/old': [{ filterName: 'app-errors', filterPattern: 'WARN', destinationArn: ECHO }],
      '/app/full-with-ours': [foreign('a'), { filterName: 'app-errors', filterPattern: 'WARN', destinationArn: ECHO }],
    });
    const report = await subscriber().subscribeAll(app);
    assertMatch(report, { subscribed: ['/app/old', '/app/full-with-ours'], unchanged: 1, skippedAtLimit: [] });
  });

  it('retries throttling with growing, jittered waits, then succeeds', async () => {
    account({ '/app/a': [] });
    logs.on(PutSubscriptionFilterCommand).rejectsOnce(throttled()).rejectsOnce(throttled()).resolves({});
    assert.deepEqual((await subscriber().subscribeAll(app)).subscribed, ['/app/a']);
    assert.deepEqual(slept, [200, 400]);
  });

  it('gives up after 8 attempts when throttling lasts, and fails with the error', async () => {
    account({ '/app/a': [] });
    logs.on(PutSubscriptionFilterCommand).rejects(throttled());
    await assert.rejects(subscriber().subscribeAll(app), { message: /Rate exceeded/ });
    assert.equal(logs.commandCalls(PutSubscriptionFilterCommand).length, 8);
    assert.deepEqual(slept, [200, 400, 800, 1600, 3200, 6400, 12800]);
  });

  it('stops before its time runs out, leaving the rest to the next reconcile', async () => {
    account({ '/app/a': [], '/app/b': [] });
    let left = 60_000;
    const report = await subscriber({ remainingMs: () => (left -= 20_000) }).subscribeAll(app);
    assertMatch(report, { subscribed: ['/app/a'], unfinished: true });
  });
});

describe('the subscriber, on a new log group (CloudTrail through EventBridge)', () => {
  mockCloudWatchLogs();
  const created = (logGroupName: string) => ({ source: 'aws.logs' as const, detail: { eventName: 'CreateLogGroup' as const, requestParameters: { logGroupName } } });

  it('subscribes a new group under a prefix, and nothing else', async () => {
    account({ '/app/new': [], '/other/new': [] });
    await route(created('/app/new'), subscriber(), config);
    await route(created('/other/new'), subscriber(), config);
    assert.deepEqual(
      put().map((input) => input.logGroupName),
      ['/app/new'],
    );
  });

  it('the hourly schedule reconciles every prefix', async () => {
    account({ '/app/missed': [] });
    const reports = await route({ source: 'aws.events' }, subscriber(), config);
    assert.deepEqual(
      reports.map((r) => r.subscribed),
      [['/app/missed']],
    );
  });
});

describe('the subscriber while its stack is deleted', () => {
  mockCloudWatchLogs();
  let cloudFormation: AwsClientStub<CloudFormationClient>;
  before(() => {
    cloudFormation = mockClient(CloudFormationClient);
  });
  after(() => cloudFormation.restore());
  beforeEach(() => cloudFormation.reset());
  const client = new CloudFormationClient({ region: 'us-east-1' });
  const status = (...statuses: StackStatus[]) => {
    let answer = cloudFormation.on(DescribeStacksCommand, { StackName: STACK_ID });
    for (const StackStatus of statuses) answer = answer.resolvesOnce({ Stacks: [{ StackName: 'Stack', StackStatus, CreationTime: new Date() }] });
  };
  const alive = () => checkStackAlive(client, STACK_ID);
  const created = { source: 'aws.logs' as const, detail: { eventName: 'CreateLogGroup' as const, requestParameters: { logGroupName: '/app/new' } } };

  for (const gone of ['DELETE_IN_PROGRESS', 'DELETE_COMPLETE', 'DELETE_FAILED', 'ROLLBACK_IN_PROGRESS'] as const) {
    it(`puts no filter on the hourly run or a new log group while the stack is ${gone}, and does not fail`, async () => {
      account({ '/app/missed': [], '/app/new': [] });
      status(gone, gone);
      assert.deepEqual(await route({ source: 'aws.events' }, subscriber({ beforePut: alive }), config, undefined, alive, (record) => void logged.push(record)), []);
      assert.deepEqual(await route(created, subscriber({ beforePut: alive }), config, undefined, alive, (record) => void logged.push(record)), []);
      assert.deepEqual(put(), []);
      assert.equal(logs.commandCalls(DescribeLogGroupsCommand).length, 0);
      assertMatch(logged.at(-1)!, { level: 'INFO', message: new RegExp(`stopped: stack .* is ${gone}`) });
    });
  }

  it('stops before the next filter when the delete starts during a run', async () => {
    account({ '/app/a': [], '/app/b': [], '/app/c': [] });
    status('UPDATE_COMPLETE', 'UPDATE_COMPLETE', 'DELETE_IN_PROGRESS');
    const reports = await route({ source: 'aws.events' }, subscriber({ beforePut: alive }), config, undefined, alive, () => undefined);
    assert.deepEqual(reports, []);
    assert.deepEqual(
      put().map((input) => input.logGroupName),
      ['/app/a'],
    );
  });

  it('subscribes as usual while the stack lives (asks CloudFormation about its own stack only)', async () => {
    account({ '/app/missed': [] });
    status('UPDATE_COMPLETE', 'UPDATE_COMPLETE');
    const reports = await route({ source: 'aws.events' }, subscriber({ beforePut: alive }), config, undefined, alive);
    assert.deepEqual(
      reports.map((r) => r.subscribed),
      [['/app/missed']],
    );
    assert.deepEqual(
      cloudFormation.commandCalls(DescribeStacksCommand).map((call) => call.args[0].input),
      [{ StackName: STACK_ID }, { StackName: STACK_ID }],
    );
  });

  it('counts a stack CloudFormation no longer knows as gone, and fails on any other error', async () => {
    cloudFormation
      .on(DescribeStacksCommand)
      .rejectsOnce(Object.assign(new Error(`Stack with id ${STACK_ID} does not exist`), { name: 'ValidationError' }))
      .rejectsOnce(Object.assign(new Error('denied'), { name: 'AccessDenied' }));
    await assert.rejects(alive(), StackGoneError);
    await assert.rejects(alive(), { name: 'AccessDenied' });
  });
});

describe('the subscriber configuration', () => {
  it('reads the prefixes and exclusions from the file bundled beside the code, the rest from the environment', () => {
    const file = JSON.stringify({ excludedLogGroups: ['/app/excluded'], subscriptions: [app] });
    const env = { DESTINATION_ARN: ECHO, MAX_FILTERS_PER_LOG_GROUP: '2', METRIC_NAMESPACE: 'LogLambda/Subscriber', STACK_ID };
    assert.deepEqual(configFrom(env, file), {
      destinationArn: ECHO,
      excludedLogGroups: ['/app/excluded'],
      maxFiltersPerLogGroup: 2,
      subscriptions: [app],
      metricNamespace: 'LogLambda/Subscriber',
      stackId: STACK_ID,
    });
    assert.throws(() => configFrom({ ...env, STACK_ID: undefined }, file), { message: 'STACK_ID is not set: the stack sets it' });
  });
});

describe('the subscriber as a custom resource', () => {
  mockCloudWatchLogs();
  const request = (RequestType: CustomResourceEvent['RequestType'], properties = app, old?: typeof app): CustomResourceEvent => ({
    RequestType,
    ResponseURL: 'https://cloudformation-custom-resource-response.example/signed',
    StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/Stack/1',
    RequestId: 'r-1',
    LogicalResourceId: 'PrefixSubscriberPrefix',
    ...(RequestType !== 'Create' && { PhysicalResourceId: 'PrefixSubscriberPrefix-app-errors' }),
    ResourceProperties: { ServiceToken: 'arn', FilterName: properties.filterName, LogGroupNamePrefix: properties.logGroupNamePrefix, FilterPattern: properties.filterPattern },
    ...(old && { OldResourceProperties: { FilterName: old.filterName, LogGroupNamePrefix: old.logGroupNamePrefix, FilterPattern: old.filterPattern } }),
  });
  let responses: Array<{ url: string; body: Record<string, unknown> }>;
  const respond = async (url: string, body: string) => void responses.push({ url, body: JSON.parse(body) as Record<string, unknown> });
  beforeEach(() => {
    responses = [];
  });

  it('on create, subscribes the groups and answers CloudFormation with SUCCESS', async () => {
    account({ '/app/a': [] });
    await route(request('Create'), subscriber(), config, respond);
    assert.equal(put().length, 1);
    assert.deepEqual(
      responses.map(({ url }) => url),
      ['https://cloudformation-custom-resource-response.example/signed'],
    );
    assertMatch(responses[0]!.body, {
      Status: 'SUCCESS',
      PhysicalResourceId: 'PrefixSubscriberPrefix-app-errors',
      RequestId: 'r-1',
      LogicalResourceId: 'PrefixSubscriberPrefix',
      Reason: /1 log groups subscribed/,
    });
  });

  it('answers FAILED with the reason when AWS refuses, so the deploy stops at once instead of waiting an hour', async () => {
    account({ '/app/a': [] });
    logs.on(PutSubscriptionFilterCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));
    await route(request('Create'), subscriber(), config, respond);
    assertMatch(responses[0]!.body, { Status: 'FAILED', Reason: 'AccessDeniedException: not authorized' });
  });

  it('on delete, removes exactly its own filters: same name and same destination', async () => {
    account({
      '/app/ours': [{ filterName: 'app-errors', filterPattern: 'ERROR', destinationArn: ECHO }, foreign('theirs')],
      '/app/same-name-elsewhere': [{ ...foreign('app-errors') }],
      '/app/none': [foreign('theirs')],
    });
    await route(request('Delete'), subscriber(), config, respond);
    assert.deepEqual(deleted(), [{ logGroupName: '/app/ours', filterName: 'app-errors' }]);
    assert.deepEqual(put(), []);
    assertMatch(responses[0]!.body, { Status: 'SUCCESS', PhysicalResourceId: 'PrefixSubscriberPrefix-app-errors' });
  });

  it('on a new prefix, takes its filter off the groups only the old prefix covered', async () => {
    const ours = { filterName: 'app-errors', filterPattern: 'ERROR', destinationArn: ECHO };
    account({ '/app/api/one': [ours], '/app/web/two': [ours] });
    await route(request('Update', { ...app, logGroupNamePrefix: '/app/api/' }, app), subscriber(), config, respond);
    assert.deepEqual(deleted(), [{ logGroupName: '/app/web/two', filterName: 'app-errors' }]);
    assertMatch(responses[0]!.body, { Status: 'SUCCESS' });
  });
});
