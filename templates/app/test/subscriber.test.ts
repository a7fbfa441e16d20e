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
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { route, Subscriber, type CustomResourceEvent, type SubscriberConfig } from '../src/subscriber.js';
import { assertMatch } from './assert-match.js';

const ECHO = 'arn:aws:lambda:us-east-1:123456789012:function:echo';
const OWN = ['/aws/lambda/Stack-echo', '/aws/lambda/Stack-subscriber'];
const app = { filterName: 'app-errors', logGroupNamePrefix: '/app/', filterPattern: 'ERROR' };
const config: SubscriberConfig = { destinationArn: ECHO, excludedLogGroups: [...OWN, '/app/excluded'], maxFiltersPerLogGroup: 2, subscriptions: [app], metricNamespace: 'LogLambda/Subscriber' };

let logs: AwsClientStub<CloudWatchLogsClient>;
let logged: Array<Record<string, unknown>>;
let slept: number[];

function subscriber(options: { remainingMs?: () => number } = {}): Subscriber {
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
    assert.deepEqual(logs.commandCalls(DescribeLogGroupsCommand).map((call) => call.args[0].input), [
      { logGroupNamePrefix: '/app/' },
      { logGroupNamePrefix: '/app/', nextToken: '2' },
      { logGroupNamePrefix: '/app/', nextToken: '4' },
    ]);
    assert.deepEqual(put()[0], { logGroupName: '/app/a', filterName: 'app-errors', filterPattern: 'ERROR', destinationArn: ECHO });
  });

  it("never subscribes the stack's own log groups nor the excluded ones", async () => {
    account({ '/aws/lambda/Stack-echo': [], '/aws/lambda/Stack-subscriber': [], '/aws/lambda/api': [], '/app/excluded': [] });
    const everything = { ...app, logGroupNamePrefix: '/' };
    await subscriber().subscribeAll(everything);
    await subscriber().subscribeAll(app);
    assert.deepEqual(put().map((input) => input.logGroupName), ['/aws/lambda/api']);
    assert.deepEqual(logs.commandCalls(DescribeSubscriptionFiltersCommand).map((call) => call.args[0].input.logGroupName), ['/aws/lambda/api']);
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
    assert.deepEqual(put().map((input) => input.logGroupName), ['/app/free']);
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
    assert.ok(Metrics.some((m) => isDeepStrictEqual(m, { Name: 'GroupsSkippedAtLimit', Unit: 'Count' })), `GroupsSkippedAtLimit among ${JSON.stringify(Metrics)}`);
  });

  it('counts a LimitExceededException from AWS as a group at the limit, not a failure', async () => {
    account({ '/app/raced': [foreign('a')] });
    logs.on(PutSubscriptionFilterCommand).rejects(Object.assign(new Error('too many'), { name: 'LimitExceededException' }));
    assert.deepEqual((await subscriber().subscribeAll(app)).skippedAtLimit, ['/app/raced']);
  });

  it('updates its own filter when the pattern changed, and leaves it when it did not', async () => {
    account({ '/app/same': [{ filterName: 'app-errors', filterPattern: 'ERROR', destinationArn: ECHO }], '/app/old': [{ filterName: 'app-errors', filterPattern: 'WARN', destinationArn: ECHO }], '/app/full-with-ours': [foreign('a'), { filterName: 'app-errors', filterPattern: 'WARN', destinationArn: ECHO }] });
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
    assert.deepEqual(put().map((input) => input.logGroupName), ['/app/new']);
  });

  it('the hourly schedule reconciles every prefix', async () => {
    account({ '/app/missed': [] });
    const reports = await route({ source: 'aws.events' }, subscriber(), config);
    assert.deepEqual(reports.map((r) => r.subscribed), [['/app/missed']]);
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
    assert.deepEqual(responses.map(({ url }) => url), ['https://cloudformation-custom-resource-response.example/signed']);
    assertMatch(responses[0]!.body, { Status: 'SUCCESS', PhysicalResourceId: 'PrefixSubscriberPrefix-app-errors', RequestId: 'r-1', LogicalResourceId: 'PrefixSubscriberPrefix', Reason: /1 log groups subscribed/ });
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
