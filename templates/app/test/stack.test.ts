import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { <%- stackName %> } from '../lib/<%- projectName %>-stack.js';
import { maxFiltersPerLogGroup, subscriptions, type Subscription } from '../lib/subscriptions.js';

const STACK = '<%- stackName %>';
const ECHO_LOG_GROUP = `/aws/lambda/${STACK}-echo`;

// These tests look at the templates, not at the code or at CloudFormation's schemas: they skip
// aws-cdk-lib's built-in CloudFormation validation (seconds per run; `npm run validate` and
// `npm run deploy` run it) and bundling the handler.
process.env['CDK_VALIDATION'] = 'false';

/** Where the apps below synthesize to: one temporary folder, removed when the tests are done. */
const outdirs = mkdtempSync(path.join(tmpdir(), 'cdk.out-test-'));
after(() => rmSync(outdirs, { recursive: true, force: true }));
let apps = 0;

function testApp(): App {
  return new App({ outdir: path.join(outdirs, String(apps++)), context: { 'aws:cdk:bundling-stacks': [] } });
}

function synth(wanted?: readonly Subscription[]): Template {
  const app = testApp();
  return Template.fromStack(new <%- stackName %>(app, STACK, wanted ? { subscriptions: wanted } : {}));
}

function subscription(overrides: Partial<Subscription> = {}): Subscription {
  return { name: 'filter', logGroupName: '/app/api', filterPattern: '', createLogGroup: false, ...overrides };
}

describe('the stack, as declared in lib/subscriptions.ts', () => {
  const template = synth();

  it('creates one subscription filter per subscription', () => {
    template.resourceCountIs('AWS::Logs::SubscriptionFilter', subscriptions.length);
  });

  for (const s of subscriptions) {
    it(`${s.name}: name, pattern, log group and a scoped invoke permission`, () => {
      const filters = template.findResources('AWS::Logs::SubscriptionFilter', {
        Properties: { FilterName: s.name, FilterPattern: s.filterPattern },
      });
      assert.equal(Object.keys(filters).length, 1);
      const filter = Object.values(filters)[0]!.Properties as Record<string, unknown>;

      if (s.createLogGroup) {
        const groups = template.findResources('AWS::Logs::LogGroup', { Properties: { LogGroupName: s.logGroupName, RetentionInDays: Match.anyValue() } });
        const [groupId] = Object.keys(groups);
        assert.ok(groupId, `a log group ${s.logGroupName}`);
        assert.deepEqual(filter['LogGroupName'], { Ref: groupId });
        template.hasResourceProperties('AWS::Lambda::Permission', { Principal: 'logs.amazonaws.com', SourceArn: { 'Fn::GetAtt': [groupId, 'Arn'] } });
      } else {
        assert.equal(filter['LogGroupName'], s.logGroupName);
        template.hasResourceProperties('AWS::Lambda::Permission', {
          Action: 'lambda:InvokeFunction',
          Principal: 'logs.amazonaws.com',
          SourceArn: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(`:log-group:${escapeRegExp(s.logGroupName)}:\\*$`)])] },
        });
      }
    });
  }

  it('runs the bundled echo handler on a pinned Node.js runtime, arm64, JSON logs', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      Architectures: ['arm64'],
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: Match.stringLikeRegexp('^EchoLogGroup') } },
      Environment: { Variables: { LOG_LEVEL: 'INFO' } },
    });
  });

  it("keeps the function's own logs for a month", () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: ECHO_LOG_GROUP, RetentionInDays: 30 });
  });

  it('lets the function write only to its own log group', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EchoLogGroup'), 'Arn'] } }],
      },
    });
    template.resourcePropertiesCountIs('AWS::IAM::Role', { ManagedPolicyArns: Match.anyValue() }, 0);
  });

  it("passes cdk-nag's AWS Solutions checks", () => {
    const app = testApp();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    new <%- stackName %>(app, STACK);
    app.synth(); // throws on any finding not acknowledged with a reason
  });
});

describe('the stack refuses at synth what CloudFormation would fail on', () => {
  it("refuses to subscribe the function to its own log group (it would invoke itself forever)", () => {
    assert.throws(() => synth([subscription({ logGroupName: ECHO_LOG_GROUP })]), { message: /its own log group/ });
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

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
