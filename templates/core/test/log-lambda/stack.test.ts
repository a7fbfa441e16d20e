import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ApplicationLogLevel, SystemLogLevel } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { logGroupArnPattern } from '../../lib/<%- projectName %>-stack.js';
import { MAX_STACK_RESOURCES } from '../../lib/<%- projectName %>-stack.js';
import { templateResourceCount } from '../../lib/<%- projectName %>-stack.js';
import { featureOf, type Subscription } from '../../lib/log-lambda/rules.js';
import { subscriptions } from '../../lib/subscriptions.js';
import { assertMatchObject, countingApp, ECHO_LOG_GROUP, resourceCount, stackOf, synth, testApp } from './support.js';

describe('the stack: the function, its failure queue and alarms', () => {
  const template = synth();

  it('lets CloudWatch Logs invoke the function through one permission, for this account and the subscribed log groups only', () => {
    template.resourcePropertiesCountIs('AWS::Lambda::Permission', { Principal: 'logs.amazonaws.com' }, 1);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Echo'), 'Arn'] },
      Principal: 'logs.amazonaws.com',
      SourceAccount: { Ref: 'AWS::AccountId' },
      SourceArn: { 'Fn::Join': ['', Match.arrayWith([`:log-group:${logGroupArnPattern(subscriptions)}`])] },
    });
  });

  it("runs the bundled handler on a pinned Node.js runtime, arm64, Lambda's JSON logs and log levels", () => {
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

  it("alarms on the function's errors and throttles, and failed and lost batches, never on missing data", () => {
    const alarms = Object.keys(template.findResources('AWS::CloudWatch::Alarm')).length;
    template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { TreatMissingData: 'notBreaching' }, alarms);
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
  });

  it('notifies no one without an alarm email', () => {
    const quiet = Template.fromStack(stackOf(undefined, {}, testApp({ alarmEmail: undefined })));
    quiet.resourceCountIs('AWS::SNS::Topic', 0);
    quiet.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { AlarmActions: Match.anyValue() }, 0);
  });

  it('outputs what npm run redrive needs', () => {
    template.hasOutput('FailureQueueUrl', { Value: { Ref: Match.stringLikeRegexp('^FailureQueue') } });
    template.hasOutput('EchoFunctionName', { Value: { Ref: Match.stringLikeRegexp('^Echo') } });
  });

  it("keeps the function's own logs for a month, in a log group under log-lambda's marker", () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: ECHO_LOG_GROUP, RetentionInDays: 30 });
  });

  for (const [which, props] of [
    ['without', {}],
    ['with', { alarmEmail: 'ops@example.com' }],
  ] as const) {
    it(`passes cdk-nag's AWS Solutions checks, ${which} an alarm email`, () => {
      const app = testApp();
      Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
      stackOf(undefined, props, app);
      app.synth(); // throws on any finding not acknowledged with a reason
    });
  }
});

describe('settings: props, else context values (cdk.json, or -c name=value)', () => {
  const synthWith = (props: Parameters<typeof stackOf>[1], context: Record<string, unknown> = {}) => Template.fromStack(stackOf(undefined, props, testApp(context)));

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
          ArnLike: {
            'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudwatch:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':alarm:*']] },
          },
        },
      });
      const topic = { Ref: Match.stringLikeRegexp('^AlarmTopic') };
      const alarms = Object.keys(template.findResources('AWS::CloudWatch::Alarm')).length;
      template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { AlarmActions: [topic], OKActions: [topic] }, alarms);
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
    [
      { applicationLogLevel: 'LOUD' },
      /^applicationLogLevel "LOUD" is not one of .*DEBUG.*: fix the applicationLogLevel prop, or the context value in cdk\.json or -c applicationLogLevel=/,
    ],
    [{ systemLogLevel: 'ERROR' }, /^systemLogLevel "ERROR" is not one of /],
    [{ alarmEmail: 'ops at example.com' }, /^alarmEmail "ops at example\.com" is not an email address/],
    [{ maxPayloadBytes: '1000' }, /^maxPayloadBytes "1000" is not a whole number of bytes from 1048576/],
    [{ maxPayloadBytes: String(64 * 1024 * 1024) }, /^maxPayloadBytes "67108864" is not .* to 33554432 \(an eighth of the function's memory\)/],
<% if (has('named', 'prefix')) { -%>
    [{ maxFiltersPerLogGroup: 0 }, /^maxFiltersPerLogGroup 0 is not a whole number above 0/],
<% } -%>
<% if (has('prefix', 'account')) { -%>
    [{ excludedLogGroups: '/app/noisy' }, /^excludedLogGroups "\/app\/noisy" is not a list of log group names/],
<% } -%>
  ] as const) {
    it(`refuses the context ${JSON.stringify(context)}, saying what to fix`, () => {
      assert.throws(() => synthWith({}, context), { name: 'ConfigurationError', message });
    });
  }
});

describe('the bundled handler', () => {
  it('is minified ESM under 10 KB, with a source map for readable stack traces', () => {
    const app = testApp({}, { bundling: true });
    const stack = stackOf(undefined, {}, app);
    const assembly = app.synth();
    const echo = Template.fromStack(stack).findResources('AWS::Lambda::Function', { Properties: { Environment: { Variables: { FAILURE_QUEUE_URL: Match.anyValue() } } } });
    const { S3Key } = (Object.values(echo)[0]!.Properties as { Code: { S3Key: string } }).Code;
    const folder = path.join(assembly.directory, `asset.${S3Key.replace(/\.zip$/, '')}`);
    const bundle = readFileSync(path.join(folder, 'index.mjs'), 'utf8');
    assert.ok(Buffer.byteLength(bundle) < 10 * 1024, `${Buffer.byteLength(bundle)} bytes`);
    assert.equal(bundle.trimEnd().split('\n').at(-1), '//# sourceMappingURL=index.mjs.map');
    const map = JSON.parse(readFileSync(path.join(folder, 'index.mjs.map'), 'utf8')) as { sources: string[] };
    for (const source of [/src\/log-lambda\/handler\.ts$/, /src\/log-lambda\/decode\.ts$/, /src\/process\.ts$/])
      assert.ok(
        map.sources.some((file) => source.test(file)),
        `${source} in ${map.sources.join(', ')}`,
      );
  });
});

describe('the stack refuses at synth what it cannot deploy, in one sentence', () => {
  const [first] = subscriptions;

  it('a filter name used twice', { skip: !first && 'no subscription' }, () => {
    assert.throws(() => synth([first!, { ...first! }]), {
      name: 'ConfigurationError',
      message: /^Subscription filter name ".*" is used twice in lib\/subscriptions\.ts; names must be unique\.$/,
    });
  });

  // An entry added to lib/subscriptions.ts by hand, of a kind this project has no feature for.
  for (const [feature, what, entry, how] of [
<% if (!has('named')) { -%>
    ['named', 'by name', { name: 'by-hand', logGroupName: '/app/by-hand', filterPattern: '', createLogGroup: false }, /yo log-lambda:filter --log-group <name>\.$/],
<% } -%>
<% if (!has('prefix')) { -%>
    ['prefix', 'by prefix', { name: 'by-hand', logGroupNamePrefix: '/app/', filterPattern: '' }, /yo log-lambda:filter --log-group-prefix <prefix>\.$/],
<% } -%>
<% if (!has('account')) { -%>
    ['account', 'for the account', { name: 'by-hand', accountPolicy: true, filterPattern: '' }, /--account-policy, in a project of its own\.$/],
<% } -%>
  ] as const) {
    it(`an entry ${what}, which this project has no part for: one sentence naming the commands that bring it in`, () => {
      const byHand: object = entry;
      assert.equal(featureOf(byHand), feature);
      assert.throws(() => synth([byHand as Subscription]), {
        name: 'ConfigurationError',
        message: new RegExp(
          `^Subscription "by-hand" in lib/subscriptions\\.ts .*: run npm create log-lambda@latest -- --upgrade, which brings in what the entries of lib/subscriptions\\.ts need, or remove the entry and add it with .*${how.source}`,
        ),
      });
    });
  }

  it(`counts exactly what the template holds, CDKMetadata included, up to CloudFormation's ${MAX_STACK_RESOURCES}`, () => {
    for (const [alarmEmail, expected] of [
      [undefined, 14],
      ['ops@example.com', 17],
    ] as const) {
      const stack = stackOf([], alarmEmail ? { alarmEmail } : {}, countingApp());
      assert.equal(resourceCount(Template.fromStack(stack)), expected);
      assert.equal(templateResourceCount(stack), expected);
    }
  });
});
