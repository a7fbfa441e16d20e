import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { logGroupArnPattern } from '../../lib/<%- projectName %>-stack.js';
import { templateResourceCount } from '../../lib/<%- projectName %>-stack.js';
import { CONFIG_FILE, subscriberConfigFile } from '../../lib/log-lambda/prefix-subscriber.js';
import { isLogLambdaLogGroup, ownLogGroups, type PrefixSubscription } from '../../lib/log-lambda/rules.js';
import { Subscriber } from '../../src/log-lambda/subscriber.js';
import { countingApp, ECHO_LOG_GROUP, insightsAlarms, joined, logicalId, permissionId, resourceCount, STACK, stackOf, synth, testApp } from './support.js';

const prefixed: PrefixSubscription = { name: 'app-errors', logGroupNamePrefix: '/app/', filterPattern: 'ERROR' };
const SUBSCRIBER_LOG_GROUP = `/aws/lambda/log-lambda/${STACK}/subscriber`;

/** The prefix subscriber's environment variables. */
function subscriberVariables(template: Template): Record<string, unknown> {
  const fn = template.findResources('AWS::Lambda::Function')[logicalId(template, 'AWS::Lambda::Function', 'PrefixSubscriberFunction')];
  return (fn!.Properties as { Environment: { Variables: Record<string, unknown> } }).Environment.Variables;
}

/** The statements of the subscriber's role's policy. */
function subscriberStatements(template: Template): Array<{ Action: unknown; Resource: unknown }> {
  const [policy] = Object.values(template.findResources('AWS::IAM::Policy', { Properties: { PolicyName: Match.stringLikeRegexp('^PrefixSubscriber') } }));
  return (policy!.Properties as { PolicyDocument: { Statement: Array<{ Action: unknown; Resource: unknown }> } }).PolicyDocument.Statement;
}

describe('by prefix: a subscriber function keeps every log group under it subscribed', () => {
  const template = synth([prefixed]);

  it('subscribes the groups at deploy through a custom resource, after the invoke permission', () => {
    template.resourceCountIs('AWS::Logs::SubscriptionFilter', 0);
    template.resourceCountIs('Custom::PrefixSubscription', 1);
    template.hasResource('Custom::PrefixSubscription', {
      Properties: Match.objectEquals({
        ServiceToken: { 'Fn::GetAtt': [logicalId(template, 'AWS::Lambda::Function', 'PrefixSubscriberFunction'), 'Arn'] },
        FilterName: 'app-errors',
        LogGroupNamePrefix: '/app/',
        FilterPattern: 'ERROR',
      }),
      DependsOn: Match.arrayWith([permissionId(template)]),
    });
    template.hasResourceProperties('AWS::Lambda::Permission', { Principal: 'logs.amazonaws.com', SourceArn: { 'Fn::Join': ['', Match.arrayWith([':log-group:/app/*'])] } });
    template.resourcePropertiesCountIs('AWS::Lambda::Permission', { Principal: 'logs.amazonaws.com' }, 1);
    assert.equal(logGroupArnPattern([prefixed]), '/app/*');
  });

  it("and later: on CloudTrail's CreateLogGroup under the prefix, and every hour", () => {
    const target = { Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PrefixSubscriberFunction'), 'Arn'] } })] };
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.logs'],
        'detail-type': ['AWS API Call via CloudTrail'],
        detail: { eventSource: ['logs.amazonaws.com'], eventName: ['CreateLogGroup'], requestParameters: { logGroupName: [{ prefix: '/app/' }] } },
      },
      ...target,
    });
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 hour)', ...target });
  });

  it('deletes both rules before the custom resources, so that no run puts a filter back while they take theirs off', () => {
    const resources = Object.keys(template.findResources('Custom::PrefixSubscription'));
    const rules = Object.values(template.findResources('AWS::Events::Rule'));
    assert.equal(rules.length, 2);
    for (const rule of rules)
      for (const resource of resources) assert.ok(((rule.DependsOn ?? []) as string[]).includes(resource), `a rule depends on ${resource}: ${JSON.stringify(rule.DependsOn)}`);
  });

  it("alarms when CloudWatch Logs fails to deliver, or is throttled, for the prefix's filter on any log group", () => {
    assert.deepEqual(insightsAlarms(template), [
      { query: `SELECT SUM(DeliveryErrors) FROM "AWS/Logs" WHERE FilterName = 'app-errors'`, datapointsToAlarm: 1 },
      { query: `SELECT SUM(DeliveryThrottling) FROM "AWS/Logs" WHERE FilterName = 'app-errors'`, datapointsToAlarm: 2 },
    ]);
  });

  it('never subscribes its own log groups nor the excluded ones, and knows the destination, the quota, its stack and the subscriptions', () => {
    const variables = subscriberVariables(template);
    assert.deepEqual(Object.keys(variables).sort(), ['DESTINATION_ARN', 'MAX_FILTERS_PER_LOG_GROUP', 'METRIC_NAMESPACE', 'NODE_OPTIONS', 'STACK_ID']);
    assert.deepEqual(JSON.parse(subscriberConfigFile([prefixed], [ECHO_LOG_GROUP, SUBSCRIBER_LOG_GROUP, ECHO_LOG_GROUP])), {
      excludedLogGroups: [ECHO_LOG_GROUP, SUBSCRIBER_LOG_GROUP],
      subscriptions: [{ filterName: 'app-errors', logGroupNamePrefix: '/app/', filterPattern: 'ERROR' }],
    });
    assert.deepEqual(variables['DESTINATION_ARN'], { 'Fn::GetAtt': [logicalId(template, 'AWS::Lambda::Function', 'Echo'), 'Arn'] });
    assert.equal(variables['MAX_FILTERS_PER_LOG_GROUP'], String(testApp().node.tryGetContext('maxFiltersPerLogGroup') ?? 2));
    assert.deepEqual(variables['STACK_ID'], { Ref: 'AWS::StackId' });
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: SUBSCRIBER_LOG_GROUP, RetentionInDays: 30 });
  });

  it("may list log groups, read its own stack's status (it puts no filter while the stack is deleted), change subscription filters under its prefix only, and write its own logs", () => {
    const arn = (resource: unknown) => joined(resource, (token) => (JSON.stringify(token).includes('LogGroup') ? 'OWN' : '${x}'));
    assert.deepEqual(
      subscriberStatements(template).map(({ Action, Resource }) => ({ Action, Resource: arn(Resource) })),
      [
        { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: 'OWN' },
        { Action: 'logs:DescribeLogGroups', Resource: 'arn:${x}:logs:${x}:${x}:log-group:*' },
        { Action: ['logs:DeleteSubscriptionFilter', 'logs:DescribeSubscriptionFilters', 'logs:PutSubscriptionFilter'], Resource: 'arn:${x}:logs:${x}:${x}:log-group:/app/*' },
        { Action: 'cloudformation:DescribeStacks', Resource: '${x}' },
      ],
    );
    assert.deepEqual(subscriberStatements(template).at(-1), { Action: 'cloudformation:DescribeStacks', Effect: 'Allow', Resource: { Ref: 'AWS::StackId' } });
    template.resourcePropertiesCountIs('AWS::IAM::Role', { ManagedPolicyArns: Match.anyValue() }, 0);
  });

  it('alarms when it skips a log group at the filter limit, and when it fails', () => {
    // The function's 4, the prefix's 2 delivery alarms, the subscriber's errors and one skipped-at-limit per 10 prefixes.
    template.resourceCountIs('AWS::CloudWatch::Alarm', 4 + 2 + 1 + 1);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith([
        Match.objectLike({
          MetricStat: Match.objectLike({
            Metric: { Namespace: 'LogLambda/Subscriber', MetricName: 'GroupsSkippedAtLimit', Dimensions: [{ Name: 'FilterName', Value: 'app-errors' }] },
          }),
        }),
      ]),
    });
  });

  it(`keeps its prefixes and exclusions in ${CONFIG_FILE} beside its code: the environment stays small with any number of them`, () => {
    const prefixes = Array.from({ length: 80 }, (_, i) => ({
      name: `prefix-${i}-${'x'.repeat(40)}`,
      logGroupNamePrefix: `/app/team-${i}/${'y'.repeat(40)}/`,
      filterPattern: '{ $.level = "ERROR" }',
    }));
    const app = testApp({}, { bundling: true });
    const stack = stackOf(prefixes, {}, app);
    const assembly = app.synth();
    const [fn] = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function', { Properties: { Environment: { Variables: { STACK_ID: Match.anyValue() } } } }));
    const { Code, Environment } = fn!.Properties as { Code: { S3Key: string }; Environment: { Variables: Record<string, unknown> } };
    // Lambda's limit is 4 KB for all variables; the unresolved references are short ARNs once deployed.
    assert.ok(JSON.stringify(Environment.Variables).length < 1024, JSON.stringify(Environment.Variables));
    const folder = path.join(assembly.directory, `asset.${Code.S3Key.replace(/\.zip$/, '')}`);
    const config = JSON.parse(readFileSync(path.join(folder, CONFIG_FILE), 'utf8')) as { subscriptions: unknown[]; excludedLogGroups: string[] };
    assert.equal(config.subscriptions.length, 80);
    assert.deepEqual(config.excludedLogGroups.slice(0, 2), [ECHO_LOG_GROUP, SUBSCRIBER_LOG_GROUP]);
  });

  it("leaves excludedLogGroups alone too (a prop, or cdk.json's context)", () => {
    const app = testApp({}, { bundling: true });
    const stack = stackOf([prefixed], { excludedLogGroups: ['/app/noisy'] }, app);
    const assembly = app.synth();
    const [fn] = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function', { Properties: { Environment: { Variables: { STACK_ID: Match.anyValue() } } } }));
    const folder = path.join(assembly.directory, `asset.${(fn!.Properties as { Code: { S3Key: string } }).Code.S3Key.replace(/\.zip$/, '')}`);
    assert.deepEqual(JSON.parse(readFileSync(path.join(folder, CONFIG_FILE), 'utf8')).excludedLogGroups, [ECHO_LOG_GROUP, SUBSCRIBER_LOG_GROUP, '/app/noisy']);
  });

  it("passes cdk-nag's AWS Solutions checks", () => {
    const app = testApp();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    stackOf([prefixed], {}, app);
    app.synth(); // throws on any finding not acknowledged with a reason
  });

  it("refuses a prefix under the marker of log-lambda functions' own log groups", () => {
    assert.throws(() => synth([{ name: 'p', logGroupNamePrefix: '/aws/lambda/log-lambda/Prod', filterPattern: '' }]), {
      name: 'ConfigurationError',
      message: /where only log-lambda functions write/,
    });
  });

  it("2 prefixes: 31 resources, CDKMetadata included, as packages/shared's stackResourceCount predicts", () => {
    const stack = stackOf(
      [0, 1].map((i) => ({ name: `p${i}`, logGroupNamePrefix: `/app/p${i}/`, filterPattern: '' })),
      {},
      countingApp(),
    );
    assert.equal(resourceCount(Template.fromStack(stack)), 31);
    assert.equal(templateResourceCount(stack), 31);
  });
});

describe("log-lambda stacks side by side in one account never subscribe each other's functions (no loop between them)", () => {
  // dev and prod on /aws/lambda/, and an account policy's stack beside them: each stack's own log
  // groups are under /aws/lambda/log-lambda/, which every subscriber skips whichever stack made it.
  const app = testApp();
  const onLambda: PrefixSubscription = { name: 'lambda-errors', logGroupNamePrefix: '/aws/lambda/', filterPattern: 'ERROR' };
  const names = ['DevStack', 'ProdStack'] as const;
  const stacks = [stackOf([onLambda], {}, app, names[0]), stackOf([{ ...onLambda, logGroupNamePrefix: '/aws/' }], {}, app, names[1])];
  const logGroupsOf = (index: number) =>
    Object.values(Template.fromStack(stacks[index]!).findResources('AWS::Logs::LogGroup')).map((group) => (group.Properties as { LogGroupName: string }).LogGroupName);

  it('every function of every stack writes to a log group under the marker', () => {
    for (const index of [0, 1]) for (const logGroupName of logGroupsOf(index)) assert.ok(isLogLambdaLogGroup(logGroupName), logGroupName);
  });

  for (const [mine, theirs] of [
    [0, 1],
    [1, 0],
  ] as const) {
    it(`${names[mine]}'s subscriber leaves ${names[theirs]}'s function log groups alone, and the account policy stack's, though its prefix covers them`, async () => {
      const own = ownLogGroups(names[mine]);
      const subscriber = new Subscriber(new CloudWatchLogsClient({ region: 'us-east-1' }), {
        destinationArn: 'arn:aws:lambda:us-east-1:123456789012:function:echo',
        excludedLogGroups: [own.echo, own.subscriber],
        maxFiltersPerLogGroup: 2,
        subscriptions: [],
        metricNamespace: 'LogLambda/Subscriber',
        stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/x/1',
      });
      const prefix = mine === 0 ? onLambda : { ...onLambda, logGroupNamePrefix: '/aws/' };
      for (const logGroupName of [...logGroupsOf(theirs), ownLogGroups('AllStack').echo]) {
        assert.ok(logGroupName.startsWith(prefix.logGroupNamePrefix), `the prefix covers ${logGroupName}`);
        assert.ok(subscriber.excluded(logGroupName), `${logGroupName} is left alone`);
        assert.equal(await subscriber.subscribe({ filterName: prefix.name, ...prefix }, logGroupName), 'excluded');
      }
    });
  }
});
