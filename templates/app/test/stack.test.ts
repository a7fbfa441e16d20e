import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { <%- stackName %> } from '../lib/<%- projectName %>-stack.js';
import { maxFiltersPerLogGroup } from '../lib/settings.js';
import { subscriptions, type Subscription } from '../lib/subscriptions.js';

const STACK = '<%- stackName %>';
const ECHO_LOG_GROUP = `/aws/lambda/${STACK}-echo`;

/**
 * An app that skips bundling the handler and aws-cdk-lib's built-in CloudFormation validation:
 * these tests look at the template, not the code, and the validation (over a second per run)
 * still checks every `npm run synth` and deploy.
 */
function testApp(): App {
  return new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:bundling-stacks': [] } });
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

  it.each(subscriptions.map((s) => [s.name, s] as const))('%s: name, pattern, log group and a scoped invoke permission', (_name, s) => {
    const filters = template.findResources('AWS::Logs::SubscriptionFilter', {
      Properties: { FilterName: s.name, FilterPattern: s.filterPattern },
    });
    expect(Object.keys(filters)).toHaveLength(1);
    const filter = Object.values(filters)[0]!.Properties as Record<string, unknown>;

    if (s.createLogGroup) {
      const groups = template.findResources('AWS::Logs::LogGroup', { Properties: { LogGroupName: s.logGroupName, RetentionInDays: Match.anyValue() } });
      const [groupId] = Object.keys(groups);
      expect(groupId).toBeDefined();
      expect(filter['LogGroupName']).toEqual({ Ref: groupId });
      template.hasResourceProperties('AWS::Lambda::Permission', { Principal: 'logs.amazonaws.com', SourceArn: { 'Fn::GetAtt': [groupId, 'Arn'] } });
    } else {
      expect(filter['LogGroupName']).toBe(s.logGroupName);
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        Principal: 'logs.amazonaws.com',
        SourceArn: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(`:log-group:${escapeRegExp(s.logGroupName)}:\\*$`)])] },
      });
    }
  });

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
    expect(() => app.synth()).not.toThrow();
  });
});

describe('the stack refuses at synth what CloudFormation would fail on', () => {
  it("refuses to subscribe the function to its own log group (it would invoke itself forever)", () => {
    expect(() => synth([subscription({ logGroupName: ECHO_LOG_GROUP })])).toThrow(/its own log group/);
  });

  it(`refuses more than ${maxFiltersPerLogGroup} filters on one log group`, () => {
    const tooMany = Array.from({ length: maxFiltersPerLogGroup + 1 }, (_, i) => subscription({ name: `f${i}` }));
    expect(() => synth(tooMany)).toThrow(/AWS allows \d+ per log group/);
  });

  it('refuses a filter name used twice', () => {
    expect(() => synth([subscription(), subscription({ logGroupName: '/other' })])).toThrow(/used twice/);
  });

  it('shares one log group between its filters, and never renames a filter when another is added', () => {
    const first = subscription({ name: 'first', createLogGroup: true });
    const before = synth([first]);
    const after = synth([first, subscription({ name: 'second', createLogGroup: true, filterPattern: 'ERROR' })]);
    after.resourceCountIs('AWS::Logs::LogGroup', 2); // the function's own and /app/api
    const ids = (t: Template) => Object.keys(t.findResources('AWS::Logs::SubscriptionFilter'));
    expect(ids(after)).toEqual(expect.arrayContaining(ids(before)));
    expect(before.findResources('AWS::Logs::SubscriptionFilter')).toEqual(
      Object.fromEntries(Object.entries(after.findResources('AWS::Logs::SubscriptionFilter')).filter(([id]) => ids(before).includes(id))),
    );
  });
});

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
    expect(filterId(both, 'x/y')).toBe(filterId(alone, 'x/y'));
    expect(filterId(both, 'x--y')).not.toBe(filterId(both, 'x/y'));
  });
});

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
