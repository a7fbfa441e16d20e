import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ApplicationLogLevel, SystemLogLevel } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ACCOUNT_POLICY_LEVEL, insightsString, metricFilterName, METRICS_PER_ALARM } from '../lib/alarms.js';
import { selectionCriteria } from '../lib/account-policy.js';
import { isLogLambdaLogGroup, ownLogGroups } from '../lib/own-log-groups.js';
import { logGroupArnPattern } from '../lib/permissions.js';
import { CONFIG_FILE, subscriberConfigFile } from '../lib/prefix-subscriber.js';
import { FILTERS_AT_ONCE, MAX_STACK_RESOURCES, StackTooLargeError, templateResourceCount } from '../lib/scale.js';
import { Subscriber } from '../src/subscriber.js';
import { <%- stackName %>, type <%- stackName %>Props } from '../lib/<%- projectName %>-stack.js';
import { excludedLogGroups, maxFiltersPerLogGroup } from '../lib/settings.js';
import { isAccount, isNamed, isPrefix, type AnySubscription, type NamedSubscription, type PrefixSubscription } from '../lib/subscription-kinds.js';
import { subscriptions } from '../lib/subscriptions.js';

const STACK = '<%- stackName %>';
const ECHO_LOG_GROUP = `/aws/lambda/log-lambda/${STACK}/echo`;

// These tests look at the templates, not at CloudFormation's schemas: they skip aws-cdk-lib's
// built-in CloudFormation validation (over a second per run), as `npm run synth` does;
// `npm run validate` and `npm run deploy` run it.
process.env['CDK_VALIDATION'] = 'false';

/**
 * An app that skips bundling the handler: these tests look at the template, not the code. It
 * synthesizes into a cdk.out folder in the system's temporary folder, which aws-cdk-lib removes
 * when the process exits.
 */
function testApp(): App {
  return new App({ context: { 'aws:cdk:bundling-stacks': [] } });
}

function synth(wanted?: readonly AnySubscription[]): Template {
  const app = testApp();
  return Template.fromStack(new <%- stackName %>(app, STACK, wanted ? { subscriptions: wanted } : {}));
}

function subscription(overrides: Partial<NamedSubscription> = {}): NamedSubscription {
  return { name: 'filter', logGroupName: '/app/api', filterPattern: '', createLogGroup: false, ...overrides };
}

describe('the stack, as declared in lib/subscriptions.ts', () => {
  const template = synth();
  const named = subscriptions.filter(isNamed);

  it('creates one subscription filter per subscription to a log group by name', () => {
    template.resourceCountIs('AWS::Logs::SubscriptionFilter', named.length);
  });

  for (const s of named) {
    it(`${s.name}: name, pattern and log group, after the invoke permission`, () => {
      const filters = template.findResources('AWS::Logs::SubscriptionFilter', {
        Properties: { FilterName: s.name, FilterPattern: s.filterPattern },
      });
      assert.equal(Object.keys(filters).length, 1);
      const filter = Object.values(filters)[0]!;
      assert.ok((filter.DependsOn as string[]).includes(permissionId(template)), `DependsOn ${JSON.stringify(filter.DependsOn)}`);

      if (s.createLogGroup) {
        const groups = template.findResources('AWS::Logs::LogGroup', { Properties: { LogGroupName: s.logGroupName, RetentionInDays: Match.anyValue() } });
        const [groupId] = Object.keys(groups);
        assert.ok(groupId !== undefined, `a log group ${s.logGroupName}`);
        assert.deepEqual(filter.Properties.LogGroupName, { Ref: groupId });
      } else {
        assert.equal(filter.Properties.LogGroupName, s.logGroupName);
      }
    });
  }

  it('lets CloudWatch Logs invoke the function through one permission, for this account and the subscribed log groups only', () => {
    template.resourcePropertiesCountIs('AWS::Lambda::Permission', { Principal: 'logs.amazonaws.com' }, 1);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Echo'), 'Arn'] },
      Principal: 'logs.amazonaws.com',
      SourceAccount: { Ref: 'AWS::AccountId' },
      SourceArn: { 'Fn::Join': ['', Match.arrayWith([`:log-group:${logGroupArnPattern(subscriptions)}`])] },
    });
    for (const { logGroupName } of named) assert.ok(covers(logGroupArnPattern(subscriptions), logGroupName), `the permission covers ${logGroupName}`);
  });

  it("runs the bundled echo handler on a pinned Node.js runtime, arm64, Lambda's JSON logs and log levels", () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      Architectures: ['arm64'],
      LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'INFO', LogGroup: { Ref: Match.stringLikeRegexp('^EchoLogGroup') } },
      Environment: {
        Variables: {
          NODE_OPTIONS: '--enable-source-maps',
          FAILURE_QUEUE_URL: { Ref: Match.stringLikeRegexp('^FailureQueue') },
          MAX_PAYLOAD_BYTES: String(8 * 1024 * 1024),
        },
      },
    });
  });

  it('retries a failed batch twice, keeps one waiting up to 6 hours, then sends it to the failure queue', () => {
    template.resourcePropertiesCountIs('AWS::Lambda::EventInvokeConfig', { FunctionName: { Ref: Match.stringLikeRegexp('^Echo') } }, 1);
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: Match.stringLikeRegexp('^Echo') },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 6 * 3600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FailureQueue'), 'Arn'] } } },
    });
  });

  it('keeps the failure queue and its key when the stack is deleted or they are replaced: failed batches are never lost with them', () => {
    for (const type of ['AWS::SQS::Queue', 'AWS::KMS::Key']) {
      const [resource, ...others] = Object.values(template.findResources(type));
      assert.equal(others.length, 0, `one ${type}`);
      assert.equal(resource!.DeletionPolicy, 'Retain', `${type} DeletionPolicy`);
      assert.equal(resource!.UpdateReplacePolicy, 'Retain', `${type} UpdateReplacePolicy`);
    }
  });

  it('keeps failed batches 14 days in a queue encrypted with a rotated key of the stack, reachable over TLS only', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      MessageRetentionPeriod: 14 * 24 * 3600,
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FailureKey'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: [{ Action: 'sqs:*', Effect: 'Deny', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } }, Resource: Match.anyValue() }],
      },
    });
  });

  it('lets the function write only to its own log group and send only to its failure queue', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EchoLogGroup'), 'Arn'] } },
          { Action: Match.arrayWith(['sqs:SendMessage']), Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FailureQueue'), 'Arn'] } },
          { Action: Match.arrayWith(['kms:Encrypt', 'kms:GenerateDataKey*']), Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FailureKey'), 'Arn'] } },
        ],
      },
    });
    template.resourcePropertiesCountIs('AWS::IAM::Role', { ManagedPolicyArns: Match.anyValue() }, 0);
  });

  it("alarms on the function's errors and throttles, failed and lost batches and the subscriptions' delivery, never on missing data", () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', alarmCount(subscriptions));
    template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { TreatMissingData: 'notBreaching' }, alarmCount(subscriptions));
    const functionAlarm = (metricName: string) => ({
      Namespace: 'AWS/Lambda',
      MetricName: metricName,
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: Match.stringLikeRegexp('^Echo') } }],
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', functionAlarm('Errors'));
    template.hasResourceProperties('AWS::CloudWatch::Alarm', functionAlarm('Throttles'));
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { ...functionAlarm('DestinationDeliveryFailures'), EvaluationPeriods: 1, DatapointsToAlarm: 1 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FailureQueue'), 'QueueName'] } }],
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
    });
    for (const metricName of ['DeliveryErrors', 'DeliveryThrottling']) {
      const alarms = deliveryAlarms(template, metricName);
      assert.deepEqual(alarms.flatMap((alarm) => alarm.filters), named.map((s) => `${metricFilterName(s.name)} on ${s.logGroupName}`));
      for (const alarm of alarms) {
        assert.ok(alarm.filters.length <= METRICS_PER_ALARM, `${alarm.filters.length} filters in one alarm`);
        assert.equal(alarm.properties['Threshold'], 1);
        assert.equal(alarm.properties['DatapointsToAlarm'], metricName === 'DeliveryErrors' ? 1 : 2);
      }
    }
  });

  it('notifies no one without an alarm email', () => {
    template.resourceCountIs('AWS::SNS::Topic', 0);
    template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { AlarmActions: Match.anyValue() }, 0);
  });

  it('outputs what npm run redrive needs', () => {
    template.hasOutput('FailureQueueUrl', { Value: { Ref: Match.stringLikeRegexp('^FailureQueue') } });
    template.hasOutput('EchoFunctionName', { Value: { Ref: Match.stringLikeRegexp('^Echo') } });
  });

  it("keeps the function's own logs for a month", () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: ECHO_LOG_GROUP, RetentionInDays: 30 });
  });

  for (const [which, props] of [
    ['without', {}],
    ['with', { alarmEmail: 'ops@example.com' }],
  ] as const) {
    it(`passes cdk-nag's AWS Solutions checks, ${which} an alarm email`, () => {
      const app = testApp();
      Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
      new <%- stackName %>(app, STACK, props);
      app.synth(); // throws on any finding not acknowledged with a reason
    });
  }
});

describe('settings: props, else context values (cdk.json, or -c name=value)', () => {
  function synthWith(props: Partial<<%- stackName %>Props>, context: Record<string, unknown> = {}): Template {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
    return Template.fromStack(new <%- stackName %>(app, STACK, props));
  }

  for (const [kind, props, context] of [
    ['a prop', { alarmEmail: 'ops@example.com' }, {}],
    ['context', {}, { alarmEmail: 'ops@example.com' }],
  ] as const) {
    it(`alarmEmail as ${kind}: an encrypted, TLS-only topic emails it, and every alarm notifies it, and its recovery`, () => {
      const template = synthWith(props, context);
      template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FailureKey'), 'Arn'] } });
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
      template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
      // The TLS-only policy replaces SNS's default one: alarms may publish only if it allows them.
      const [policy, ...others] = Object.values(template.findResources('AWS::SNS::TopicPolicy'));
      assert.equal(others.length, 0, 'one topic policy');
      const statements = (policy!.Properties as { PolicyDocument: { Statement: Array<Record<string, unknown>> } }).PolicyDocument.Statement;
      const allow = statements.filter((statement) => statement['Effect'] === 'Allow');
      assert.equal(allow.length, 1, JSON.stringify(statements));
      assertMatchObject(allow[0]!, {
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: { Ref: Match.stringLikeRegexp('^AlarmTopic') },
        Condition: {
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudwatch:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':alarm:*']] } },
        },
      });
      const topic = { Ref: Match.stringLikeRegexp('^AlarmTopic') };
      template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { AlarmActions: [topic], OKActions: [topic] }, alarmCount(subscriptions));
      template.hasResourceProperties('AWS::KMS::Key', {
        KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] })]) },
      });
    });
  }

  it('log levels and the payload limit', () => {
    const fromProps = synthWith({ applicationLogLevel: ApplicationLogLevel.DEBUG, systemLogLevel: SystemLogLevel.WARN, maxPayloadBytes: 2 * 1024 * 1024 });
    fromProps.hasResourceProperties('AWS::Lambda::Function', {
      LoggingConfig: Match.objectLike({ ApplicationLogLevel: 'DEBUG', SystemLogLevel: 'WARN' }),
      Environment: { Variables: Match.objectLike({ MAX_PAYLOAD_BYTES: '2097152' }) },
    });
    const fromContext = synthWith({}, { applicationLogLevel: 'warn', systemLogLevel: 'DEBUG', maxPayloadBytes: '4194304' });
    fromContext.hasResourceProperties('AWS::Lambda::Function', {
      LoggingConfig: Match.objectLike({ ApplicationLogLevel: 'WARN', SystemLogLevel: 'DEBUG' }),
      Environment: { Variables: Match.objectLike({ MAX_PAYLOAD_BYTES: '4194304' }) },
    });
  });

  for (const [context, message] of [
    [{ applicationLogLevel: 'LOUD' }, /^applicationLogLevel "LOUD" is not one of .*DEBUG.*: fix the applicationLogLevel prop, or the context value in cdk\.json or -c applicationLogLevel=/],
    [{ systemLogLevel: 'ERROR' }, /^systemLogLevel "ERROR" is not one of /],
    [{ alarmEmail: 'ops at example.com' }, /^alarmEmail "ops at example\.com" is not an email address/],
    [{ maxPayloadBytes: '1000' }, /^maxPayloadBytes "1000" is not a whole number of bytes from 1048576/],
    [{ maxPayloadBytes: String(64 * 1024 * 1024) }, /^maxPayloadBytes "67108864" is not .* to 33554432 \(an eighth of the function's memory\)/],
  ] as const) {
    it(`refuses the context ${JSON.stringify(context)}, saying what to fix`, () => {
      assert.throws(() => synthWith({}, context), { message });
    });
  }

  it('names the filter in delivery metrics the way CloudWatch Logs does: ASCII, ? for the rest', () => {
    assert.equal(metricFilterName('errors-Größe ✓ 😀'), 'errors-Gr??e ? ?');
    assert.equal(metricFilterName('plain "quoted" ${x}'), 'plain "quoted" ${x}');
  });
});

describe('the bundled handler', () => {
  it('is minified ESM under 10 KB, with a source map for readable stack traces', () => {
    const app = new App();
    const stack = new <%- stackName %>(app, STACK); // bundles the handler
    const assembly = app.synth();
    const code = Template.fromStack(stack).findResources('AWS::Lambda::Function');
    const { S3Key } = (Object.values(code)[0]!.Properties as { Code: { S3Key: string } }).Code;
    const folder = path.join(assembly.directory, `asset.${S3Key.replace(/\.zip$/, '')}`);
    const bundle = readFileSync(path.join(folder, 'index.mjs'), 'utf8');
    assert.ok(Buffer.byteLength(bundle) < 10 * 1024, `${Buffer.byteLength(bundle)} bytes`);
    assert.equal(bundle.trimEnd().split('\n').at(-1), '//# sourceMappingURL=index.mjs.map');
    const map = JSON.parse(readFileSync(path.join(folder, 'index.mjs.map'), 'utf8')) as { sources: string[] };
    for (const source of [/src\/handler\.ts$/, /src\/decode\.ts$/]) assert.ok(map.sources.some((file) => source.test(file)), `${source} in ${map.sources.join(', ')}`);
  });
});

describe('the stack refuses at synth what CloudFormation would fail on', () => {
  it("refuses to subscribe the function to its own log group, or any log-lambda function's (it would invoke itself, or another stack, forever)", () => {
    assert.throws(() => synth([subscription({ logGroupName: ECHO_LOG_GROUP })]), { message: /a log-lambda function's own log group/ });
    assert.throws(() => synth([subscription({ logGroupName: ownLogGroups('ProdStack').subscriber })]), { message: /a log-lambda function's own log group/ });
    assert.throws(() => synth([{ name: 'p', logGroupNamePrefix: '/aws/lambda/log-lambda/Prod', filterPattern: '' }]), { message: /where only log-lambda functions write/ });
  });

  it(`refuses more than ${maxFiltersPerLogGroup} filters on one log group`, () => {
    const tooMany = Array.from({ length: maxFiltersPerLogGroup + 1 }, (_, i) => subscription({ name: `f${i}` }));
    assert.throws(() => synth(tooMany), { message: /AWS allows \d+ per log group/ });
  });

  it('refuses a filter name used twice', () => {
    assert.throws(() => synth([subscription(), subscription({ logGroupName: '/other' })]), { message: /used twice/ });
  });

  it('shares one log group between its filters, and never renames a filter when another is added', () => {
    const first = subscription({ name: 'first', createLogGroup: true });
    const before = synth([first]);
    const afterAdding = synth([first, subscription({ name: 'second', createLogGroup: true, filterPattern: 'ERROR' })]);
    afterAdding.resourceCountIs('AWS::Logs::LogGroup', 2); // the function's own and /app/api
    const ids = (t: Template) => Object.keys(t.findResources('AWS::Logs::SubscriptionFilter'));
    for (const id of ids(before)) assert.ok(ids(afterAdding).includes(id), `${id} kept its logical id`);
    assert.deepEqual(
      before.findResources('AWS::Logs::SubscriptionFilter'),
      Object.fromEntries(Object.entries(afterAdding.findResources('AWS::Logs::SubscriptionFilter')).filter(([id]) => ids(before).includes(id))),
    );
  });
});

describe('at scale', () => {
  const many = (count: number, overrides: (i: number) => Partial<NamedSubscription> = () => ({})) =>
    Array.from({ length: count }, (_, i) => subscription({ name: `filter-${i}`, logGroupName: `/app/service-${i}`, ...overrides(i) }));

  it(`200 log groups: one invoke permission, at most ${FILTERS_AT_ONCE} filters created at once, well under ${MAX_STACK_RESOURCES} resources`, () => {
    const template = synth(many(200));
    template.resourceCountIs('AWS::Logs::SubscriptionFilter', 200);
    template.resourceCountIs('AWS::Lambda::Permission', 1);
    template.hasResourceProperties('AWS::Lambda::Permission', { SourceArn: { 'Fn::Join': ['', Match.arrayWith([':log-group:/app/service-*'])] } });
    assert.equal(filtersAtOnce(template), FILTERS_AT_ONCE);
    template.resourceCountIs('AWS::CloudWatch::Alarm', alarmCount(many(200)));
    const resources = Object.keys(template.toJSON()['Resources'] as object).length;
    assert.ok(resources < MAX_STACK_RESOURCES, `${resources} resources`);
  });

  it('the permission covers exactly one log group, a shared name prefix, or every log group', () => {
    const on = (...logGroupNames: string[]) => logGroupNames.map((logGroupName, i) => subscription({ name: `f${i}`, logGroupName }));
    assert.equal(logGroupArnPattern(on('/app/api', '/app/api')), '/app/api:*');
    assert.equal(logGroupArnPattern(on('/app/api', '/app/web')), '/app/*');
    assert.equal(logGroupArnPattern(on('/app/api', '/app/api-v2')), '/app/api*');
    assert.equal(logGroupArnPattern(on('/app/api', 'other')), '*');
    assert.equal(logGroupArnPattern([...on('/app/api'), { name: 'p', logGroupNamePrefix: '/app/', filterPattern: '' }]), '/app/*');
    assert.equal(logGroupArnPattern([{ name: 'all', accountPolicy: true, filterPattern: '' }]), '*');
    assert.equal(covers('/app/api*', '/app/api'), true);
    assert.equal(covers('/app/api:*', '/app/api-v2'), false);
  });

  it('counts exactly what the template holds, CDKMetadata included: 404 subscriptions by name synthesize, 405 are refused', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [], 'aws:cdk:version-reporting': true } });
    const stack = new <%- stackName %>(app, STACK, { subscriptions: many(404) });
    const counted = templateResourceCount(stack);
    const resources = Object.keys(Template.fromStack(stack).toJSON()['Resources'] as object);
    assert.ok(resources.includes('CDKMetadata'));
    assert.equal(counted, resources.length);
    assert.equal(counted, MAX_STACK_RESOURCES);
    const refusedApp = new App({ context: { 'aws:cdk:bundling-stacks': [], 'aws:cdk:version-reporting': true } });
    assert.throws(() => new <%- stackName %>(refusedApp, STACK, { subscriptions: many(405) }), { message: /405 subscriptions in lib\/subscriptions\.ts take 501 CloudFormation resources/ });
    const withoutMetadata = new App({ context: { 'aws:cdk:bundling-stacks': [], 'aws:cdk:version-reporting': false } });
    const smaller = new <%- stackName %>(withoutMetadata, STACK, { subscriptions: many(10) });
    assert.equal(templateResourceCount(smaller), Object.keys(Template.fromStack(smaller).toJSON()['Resources'] as object).length);
  });

  // packages/shared's stackResourceCount (what yo log-lambda:filter checks) predicts these same numbers.
  for (const [what, wanted, alarmEmail, expected] of [
    ['1 by name', many(1), false, 17],
    ['11 by name', many(11), false, 29],
    ['1 by name, alarm email', many(1), true, 20],
    ['2 prefixes', [0, 1].map((i) => ({ name: `p${i}`, logGroupNamePrefix: `/app/p${i}/`, filterPattern: '' })), false, 31],
    ['the account', [{ name: 'all', accountPolicy: true as const, filterPattern: '' }], false, 17],
  ] as const) {
    it(`${what}: ${expected} resources, CDKMetadata included`, () => {
      const app = new App({ context: { 'aws:cdk:bundling-stacks': [], 'aws:cdk:version-reporting': true } });
      const stack = new <%- stackName %>(app, STACK, { subscriptions: wanted, ...(alarmEmail && { alarmEmail: 'ops@example.com' }) });
      assert.equal(Object.keys(Template.fromStack(stack).toJSON()['Resources'] as object).length, expected);
      assert.equal(templateResourceCount(stack), expected);
    });
  }

  it(`refuses more than ${MAX_STACK_RESOURCES} resources with one sentence that says what to do instead`, () => {
    const refused = (() => {
      try {
        synth(many(600));
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    assert.ok(refused instanceof StackTooLargeError, `${String(refused)} is a StackTooLargeError`);
    assert.match(refused.message, new RegExp(`^${STACK}: 600 subscriptions in lib/subscriptions\\.ts take \\d+ CloudFormation resources; one stack holds at most 500\\. .*--log-group-prefix.*--account-policy`));
    assert.ok(!refused.message.includes('\n'), 'one line');
  });
});

describe('by prefix: a subscriber function keeps every log group under it subscribed', () => {
  const prefixed = { name: 'app-errors', logGroupNamePrefix: '/app/', filterPattern: 'ERROR' };
  const template = synth([prefixed]);
  const SUBSCRIBER_LOG_GROUP = `/aws/lambda/log-lambda/${STACK}/subscriber`;

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
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'logs.amazonaws.com',
      SourceArn: { 'Fn::Join': ['', Match.arrayWith([':log-group:/app/*'])] },
    });
    template.resourcePropertiesCountIs('AWS::Lambda::Permission', { Principal: 'logs.amazonaws.com' }, 1);
  });

  it('and later: on CloudTrail\'s CreateLogGroup under the prefix, and every hour', () => {
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
    for (const rule of rules) for (const resource of resources) assert.ok(((rule.DependsOn ?? []) as string[]).includes(resource), `a rule depends on ${resource}: ${JSON.stringify(rule.DependsOn)}`);
  });

  it('may read its own stack\'s status (it puts no filter while the stack is deleted), and knows its stack', () => {
    const [policy] = Object.values(template.findResources('AWS::IAM::Policy', { Properties: { PolicyName: Match.stringLikeRegexp('^PrefixSubscriber') } }));
    const statements = (policy!.Properties as { PolicyDocument: { Statement: Array<{ Action: unknown; Resource: unknown }> } }).PolicyDocument.Statement;
    assert.deepEqual(statements.filter((s) => JSON.stringify(s.Action).includes('cloudformation')), [{ Action: 'cloudformation:DescribeStacks', Effect: 'Allow', Resource: { Ref: 'AWS::StackId' } }]);
    assert.deepEqual(subscriberVariables(template)['STACK_ID'], { Ref: 'AWS::StackId' });
  });

  it("alarms when CloudWatch Logs fails to deliver, or is throttled, for the prefix's filter on any log group", () => {
    const queries = insightsAlarms(template);
    assert.deepEqual(queries, [
      { query: `SELECT SUM(DeliveryErrors) FROM "AWS/Logs" WHERE FilterName = 'app-errors'`, datapointsToAlarm: 1 },
      { query: `SELECT SUM(DeliveryThrottling) FROM "AWS/Logs" WHERE FilterName = 'app-errors'`, datapointsToAlarm: 2 },
    ]);
  });

  it('never subscribes its own log groups nor the excluded ones, and knows the destination, the quota and the subscriptions', () => {
    const variables = subscriberVariables(template);
    assert.deepEqual(Object.keys(variables).sort(), ['DESTINATION_ARN', 'MAX_FILTERS_PER_LOG_GROUP', 'METRIC_NAMESPACE', 'NODE_OPTIONS', 'STACK_ID']);
    assert.deepEqual(JSON.parse(subscriberConfigFile([prefixed], [ECHO_LOG_GROUP, SUBSCRIBER_LOG_GROUP, ...excludedLogGroups])), {
      excludedLogGroups: [...new Set([ECHO_LOG_GROUP, SUBSCRIBER_LOG_GROUP, ...excludedLogGroups])],
      subscriptions: [{ filterName: 'app-errors', logGroupNamePrefix: '/app/', filterPattern: 'ERROR' }],
    });
    assert.deepEqual(variables['DESTINATION_ARN'], { 'Fn::GetAtt': [logicalId(template, 'AWS::Lambda::Function', 'Echo'), 'Arn'] });
    assert.equal(variables['MAX_FILTERS_PER_LOG_GROUP'], String(maxFiltersPerLogGroup));
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: SUBSCRIBER_LOG_GROUP, RetentionInDays: 30 });
  });

  it("may list log groups, read its own stack's status, change subscription filters under its prefix only, and write its own logs", () => {
    const [policy] = Object.values(template.findResources('AWS::IAM::Policy', { Properties: { PolicyName: Match.stringLikeRegexp('^PrefixSubscriber') } }));
    const statements = (policy!.Properties as { PolicyDocument: { Statement: Array<{ Action: unknown; Resource: unknown }> } }).PolicyDocument.Statement;
    const arn = (resource: unknown) => joined(resource, (token) => (JSON.stringify(token).includes('LogGroup') ? 'OWN' : '${x}'));
    assert.deepEqual(statements.map(({ Action, Resource }) => ({ Action, Resource: arn(Resource) })), [
      { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: 'OWN' },
      { Action: 'logs:DescribeLogGroups', Resource: 'arn:${x}:logs:${x}:${x}:log-group:*' },
      { Action: ['logs:DescribeSubscriptionFilters', 'logs:PutSubscriptionFilter', 'logs:DeleteSubscriptionFilter'], Resource: 'arn:${x}:logs:${x}:${x}:log-group:/app/*' },
      { Action: 'cloudformation:DescribeStacks', Resource: '${x}' },
    ]);
    template.resourcePropertiesCountIs('AWS::IAM::Role', { ManagedPolicyArns: Match.anyValue() }, 0);
  });

  it('alarms when it skips a log group at the filter limit, and when it fails', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', alarmCount([prefixed]));
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith([
        Match.objectLike({ MetricStat: Match.objectLike({ Metric: { Namespace: 'LogLambda/Subscriber', MetricName: 'GroupsSkippedAtLimit', Dimensions: [{ Name: 'FilterName', Value: 'app-errors' }] } }) }),
      ]),
    });
  });

  it(`keeps its prefixes and exclusions in ${CONFIG_FILE} beside its code: the environment stays small with any number of them`, () => {
    const prefixes = Array.from({ length: 80 }, (_, i) => ({ name: `prefix-${i}-${'x'.repeat(40)}`, logGroupNamePrefix: `/app/team-${i}/${'y'.repeat(40)}/`, filterPattern: '{ $.level = "ERROR" }' }));
    const app = new App({ context: { 'aws:cdk:bundling-stacks': ['**'] } });
    const stack = new <%- stackName %>(app, STACK, { subscriptions: prefixes });
    const assembly = app.synth();
    const bundled = Template.fromStack(stack);
    const [fn] = Object.values(bundled.findResources('AWS::Lambda::Function', { Properties: { Environment: { Variables: { STACK_ID: Match.anyValue() } } } }));
    const { Code, Environment } = fn!.Properties as { Code: { S3Key: string }; Environment: { Variables: Record<string, unknown> } };
    // Lambda's limit is 4 KB for all variables; the unresolved references are short ARNs once deployed.
    assert.ok(JSON.stringify(Environment.Variables).length < 1024, JSON.stringify(Environment.Variables));
    const folder = path.join(assembly.directory, `asset.${Code.S3Key.replace(/\.zip$/, '')}`);
    const config = JSON.parse(readFileSync(path.join(folder, CONFIG_FILE), 'utf8')) as { subscriptions: unknown[]; excludedLogGroups: string[] };
    assert.equal(config.subscriptions.length, 80);
    assert.deepEqual(config.excludedLogGroups.slice(0, 2), [ECHO_LOG_GROUP, SUBSCRIBER_LOG_GROUP]);
  });

  it("passes cdk-nag's AWS Solutions checks, with a subscription by name beside it", () => {
    const app = testApp();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    new <%- stackName %>(app, STACK, { subscriptions: [prefixed, subscription()] });
    app.synth(); // throws on any finding not acknowledged with a reason
  });
});

describe('the whole account: an account-level subscription filter policy', () => {
  const account = { name: 'all-errors', accountPolicy: true as const, filterPattern: 'ERROR' };
  const template = synth([account]);

  it("sends every log group's matching events to the function, but its own log group's and the excluded ones", () => {
    template.resourceCountIs('AWS::Logs::AccountPolicy', 1);
    template.hasResourceProperties('AWS::Logs::AccountPolicy', {
      PolicyName: 'all-errors',
      PolicyType: 'SUBSCRIPTION_FILTER_POLICY',
      Scope: 'ALL',
      SelectionCriteria: selectionCriteria([ECHO_LOG_GROUP, ...excludedLogGroups]),
    });
    const [policy] = Object.values(template.findResources('AWS::Logs::AccountPolicy'));
    assert.match(policy!.Properties.SelectionCriteria, new RegExp(`^LogGroupName NOT IN \\["${escapeRegExp(ECHO_LOG_GROUP)}"`));
    assert.deepEqual(policy!.DependsOn, [permissionId(template)]);
    const document = joined(policy!.Properties.PolicyDocument, (token) => {
      assert.deepEqual(token, { 'Fn::GetAtt': [logicalId(template, 'AWS::Lambda::Function', 'Echo'), 'Arn'] });
      return 'ECHO_ARN';
    });
    assert.deepEqual(JSON.parse(document), { DestinationArn: 'ECHO_ARN', FilterPattern: 'ERROR', Distribution: 'Random' });
  });

  it('lets CloudWatch Logs invoke the function for every log group of this account, through one permission', () => {
    template.resourceCountIs('AWS::Lambda::Permission', 1);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'logs.amazonaws.com',
      SourceAccount: { Ref: 'AWS::AccountId' },
      SourceArn: { 'Fn::Join': ['', Match.arrayWith([':log-group:*'])] },
    });
    template.resourceCountIs('AWS::Logs::SubscriptionFilter', 0);
  });

  it("alarms when CloudWatch Logs fails to deliver the policy's events, or is throttled (PolicyLevel=AccountPolicy)", () => {
    assert.deepEqual(insightsAlarms(template), [
      { query: `SELECT SUM(DeliveryErrors) FROM "AWS/Logs" WHERE PolicyLevel = 'AccountPolicy'`, datapointsToAlarm: 1 },
      { query: `SELECT SUM(DeliveryThrottling) FROM "AWS/Logs" WHERE PolicyLevel = 'AccountPolicy'`, datapointsToAlarm: 2 },
    ]);
    assert.equal(ACCOUNT_POLICY_LEVEL, 'AccountPolicy');
    assert.equal(insightsString(`it's a \\ test`), `'it\\'s a \\\\ test'`);
  });

  it('writes the exclusions the way CloudWatch Logs reads them: JSON strings in NOT IN [...]', () => {
    assert.equal(selectionCriteria(['/aws/lambda/a', '/a', '/a']), 'LogGroupName NOT IN ["/aws/lambda/a", "/a"]');
  });

  it('is the only subscription of its stack (another would deliver the same events twice)', () => {
    assert.throws(() => synth([account, subscription()]), { message: /account policy: it covers every log group/ });
  });

  it("passes cdk-nag's AWS Solutions checks", () => {
    const app = testApp();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    new <%- stackName %>(app, STACK, { subscriptions: [account] });
    app.synth(); // throws on any finding not acknowledged with a reason
  });
});

describe('log-lambda stacks side by side in one account never subscribe each other\'s functions (no loop between them)', () => {
  // dev and prod on /aws/lambda/, and an account policy beside them: each stack's own log
  // groups are under /aws/lambda/log-lambda/, which every subscriber skips whichever stack made it.
  const app = testApp();
  const onLambda: PrefixSubscription = { name: 'lambda-errors', logGroupNamePrefix: '/aws/lambda/', filterPattern: 'ERROR' };
  const stacks = [
    new <%- stackName %>(app, 'DevStack', { subscriptions: [onLambda] }),
    new <%- stackName %>(app, 'ProdStack', { subscriptions: [{ ...onLambda, logGroupNamePrefix: '/aws/' }] }),
    new <%- stackName %>(app, 'AllStack', { subscriptions: [{ name: 'everything', accountPolicy: true, filterPattern: '' }] }),
  ];
  const logGroupsOf = (stack: <%- stackName %>) =>
    Object.values(Template.fromStack(stack).findResources('AWS::Logs::LogGroup')).map((group) => (group.Properties as { LogGroupName: string }).LogGroupName);

  it('every function of every stack writes to a log group under the marker', () => {
    for (const stack of stacks) {
      const template = Template.fromStack(stack);
      for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
        const { LoggingConfig } = fn.Properties as { LoggingConfig: { LogGroup: { Ref: string } } };
        const group = template.findResources('AWS::Logs::LogGroup')[LoggingConfig.LogGroup.Ref]!;
        assert.ok(isLogLambdaLogGroup((group.Properties as { LogGroupName: string }).LogGroupName), `${stack.stackName}: ${JSON.stringify(group.Properties)}`);
      }
    }
  });

  for (const [mine, theirs] of [
    [0, 1],
    [1, 0],
    [0, 2],
    [1, 2],
  ] as const) {
    it(`${stacks[mine]!.stackName}'s subscriber leaves ${stacks[theirs]!.stackName}'s function log groups alone, though its prefix covers them`, async () => {
      const subscriber = new Subscriber(new CloudWatchLogsClient({ region: 'us-east-1' }), {
        destinationArn: 'arn:aws:lambda:us-east-1:123456789012:function:echo',
        excludedLogGroups: ownLogGroupsOf(stacks[mine]!),
        maxFiltersPerLogGroup: 2,
        subscriptions: [],
        metricNamespace: 'LogLambda/Subscriber',
        stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/x/1',
      });
      const prefix = mine === 0 ? onLambda : { ...onLambda, logGroupNamePrefix: '/aws/' };
      for (const logGroupName of logGroupsOf(stacks[theirs]!)) {
        assert.ok(logGroupName.startsWith(prefix.logGroupNamePrefix), `the prefix covers ${logGroupName}`);
        assert.ok(subscriber.excluded(logGroupName), `${logGroupName} is left alone`);
        assert.equal(await subscriber.subscribe({ filterName: prefix.name, ...prefix }, logGroupName), 'excluded');
      }
    });
  }

  it("the account policy leaves its own function's log group out, and no other stack subscribes it", () => {
    const [policy] = Object.values(Template.fromStack(stacks[2]!).findResources('AWS::Logs::AccountPolicy'));
    assert.equal((policy!.Properties as { SelectionCriteria: string }).SelectionCriteria, selectionCriteria([ownLogGroups('AllStack').echo, ...excludedLogGroups]));
  });

  it("a subscription by name to another stack's function log group is refused", () => {
    for (const logGroupName of logGroupsOf(stacks[0]!)) {
      assert.throws(() => synth([subscription({ logGroupName })]), { message: /a log-lambda function's own log group/ });
    }
  });
});

/** What a stack's prefix subscriber excludes by name (its config file): its own log groups and excludedLogGroups. */
function ownLogGroupsOf(stack: <%- stackName %>): string[] {
  const own = ownLogGroups(stack.stackName);
  return [own.echo, own.subscriber, ...excludedLogGroups];
}

describe('names that differ only in punctuation', () => {
  it('synthesize side by side: log groups /a/b and /a--b, filters x/y and x--y', () => {
    const template = synth([
      subscription({ name: 'x/y', logGroupName: '/a/b', createLogGroup: true }),
      subscription({ name: 'x--y', logGroupName: '/a--b', createLogGroup: true }),
    ]);
    template.resourceCountIs('AWS::Logs::SubscriptionFilter', 2);
    template.hasResourceProperties('AWS::Logs::SubscriptionFilter', { FilterName: 'x/y' });
    template.hasResourceProperties('AWS::Logs::SubscriptionFilter', { FilterName: 'x--y' });
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/a/b' });
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/a--b' });
  });

  it('keep the ids the first of them always had', () => {
    const alone = synth([subscription({ name: 'x/y' })]);
    const both = synth([subscription({ name: 'x/y' }), subscription({ name: 'x--y', logGroupName: '/other' })]);
    const filterId = (t: Template, name: string) => Object.keys(t.findResources('AWS::Logs::SubscriptionFilter', { Properties: { FilterName: name } }))[0];
    assert.equal(filterId(both, 'x/y'), filterId(alone, 'x/y'));
    assert.notEqual(filterId(both, 'x--y'), filterId(both, 'x/y'));
  });
});

/**
 * The function's 4 alarms, 2 per 10 subscriptions by name (delivery errors, delivery throttling),
 * and with prefixes the subscriber's errors and 1 per 10 prefixes (groups skipped at the limit).
 */
function alarmCount(wanted: readonly AnySubscription[]): number {
  const prefixes = wanted.filter(isPrefix).length;
  const accounts = wanted.filter(isAccount).length;
  return 4 + 2 * Math.ceil(wanted.filter(isNamed).length / METRICS_PER_ALARM) + (prefixes > 0 ? 1 + Math.ceil(prefixes / 10) : 0) + 2 * prefixes + 2 * accounts;
}

/** The prefix subscriber's environment variables. */
function subscriberVariables(template: Template): Record<string, unknown> {
  const fn = template.findResources('AWS::Lambda::Function')[logicalId(template, 'AWS::Lambda::Function', 'PrefixSubscriberFunction')];
  return (fn!.Properties as { Environment: { Variables: Record<string, unknown> } }).Environment.Variables;
}

/** The alarms on a Metrics Insights query: the query, and how many periods of 3 must breach. */
function insightsAlarms(template: Template): Array<{ query: string; datapointsToAlarm: number }> {
  return Object.values(template.findResources('AWS::CloudWatch::Alarm')).flatMap(({ Properties }) => {
    const { Metrics = [], DatapointsToAlarm } = Properties as { Metrics?: Array<{ Expression?: string; Period?: number }>; DatapointsToAlarm: number };
    const query = Metrics.find((m) => m.Expression?.startsWith('SELECT'));
    if (!query) return [];
    assert.equal(query.Period, 300);
    return [{ query: query.Expression!, datapointsToAlarm: DatapointsToAlarm }];
  });
}

/** Asserts that `actual` has what `expected` says (Match's rules), with a readable message. */
function assertMatchObject(actual: unknown, expected: Record<string, unknown>): void {
  const result = Match.objectLike(expected).test(actual);
  assert.ok(!result.hasFailed(), `${result.toHumanStrings().join('\n')}\nin ${JSON.stringify(actual)}`);
}

/** The alarms summing a CloudWatch Logs delivery metric, and the filters each one covers ("name on log group"). */
function deliveryAlarms(template: Template, metricName: string): Array<{ properties: Record<string, unknown>; filters: string[] }> {
  type Stat = { MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions: Array<{ Name: string; Value: string }> } }; Expression?: string };
  return Object.values(template.findResources('AWS::CloudWatch::Alarm'))
    .map(({ Properties }) => Properties as Record<string, unknown> & { Metrics?: Stat[] })
    .filter((properties) => properties.Metrics?.some((m) => m.MetricStat?.Metric.MetricName === metricName))
    .map((properties) => {
      assert.equal(properties.Metrics!.find((m) => m.Expression)?.Expression, 'SUM(METRICS())');
      const filters = properties.Metrics!.flatMap(({ MetricStat }) => {
        if (!MetricStat) return [];
        const { Namespace, Dimensions } = MetricStat.Metric;
        assert.equal(Namespace, 'AWS/Logs');
        const dimension = (name: string) => Dimensions.find((d) => d.Name === name)?.Value;
        assert.equal(dimension('DestinationType'), 'Lambda');
        return [`${dimension('FilterName')} on ${dimension('LogGroupName')}`];
      });
      return { properties, filters };
    });
}

/** The string an `Fn::Join` of CloudFormation makes, with `token` standing in for each reference. */
function joined(value: unknown, token: (reference: unknown) => string): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (!join) return token(value);
  const [separator, parts] = join;
  return parts.map((part) => (typeof part === 'string' ? part : token(part))).join(separator);
}

/** The permission's logical id. */
function permissionId(template: Template): string {
  const [id] = Object.keys(template.findResources('AWS::Lambda::Permission'));
  return id!;
}

/** The logical id of the one resource of `type` whose id starts with `prefix` (the construct's id; aws-cdk-lib adds a hash). */
function logicalId(template: Template, type: string, prefix: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
  assert.equal(ids.length, 1, `one ${type} whose logical id starts with ${prefix}: ${ids.join(', ')}`);
  return ids[0]!;
}

/** Whether the log-group part of a SourceArn pattern covers the log group `name` (ARN `log-group:<name>:*`). */
function covers(pattern: string, name: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`);
  return regex.test(`${name}:*`);
}

/**
 * The most subscription filters CloudFormation would create at once: it starts every resource
 * whose dependencies are done, so count the filters in each such wave.
 */
function filtersAtOnce(template: Template): number {
  const filters = template.findResources('AWS::Logs::SubscriptionFilter');
  const done = new Set<string>();
  let widest = 0;
  while (done.size < Object.keys(filters).length) {
    const wave = Object.entries(filters)
      .filter(([id, filter]) => !done.has(id) && ((filter.DependsOn ?? []) as string[]).every((dependency) => !(dependency in filters) || done.has(dependency)))
      .map(([id]) => id);
    if (wave.length === 0) throw new Error('the filters depend on each other in a cycle');
    widest = Math.max(widest, wave.length);
    for (const id of wave) done.add(id);
  }
  return widest;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
