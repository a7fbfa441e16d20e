import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ACCOUNT_POLICY_LEVEL, selectionCriteria } from '../../lib/log-lambda/account-policy.js';
import { insightsString } from '../../lib/log-lambda/alarms.js';
import { templateResourceCount } from '../../lib/<%- projectName %>-stack.js';
import type { AccountSubscription } from '../../lib/log-lambda/rules.js';
import { countingApp, ECHO_LOG_GROUP, escapeRegExp, insightsAlarms, joined, logicalId, permissionId, resourceCount, stackOf, synth, testApp } from './support.js';

describe('the whole account: an account-level subscription filter policy', () => {
  const account: AccountSubscription = { name: 'all-errors', accountPolicy: true, filterPattern: 'ERROR' };
  const template = synth([account]);

  it("sends every log group's matching events to the function, but its own log group's and the excluded ones", () => {
    template.resourceCountIs('AWS::Logs::AccountPolicy', 1);
    template.hasResourceProperties('AWS::Logs::AccountPolicy', { PolicyName: 'all-errors', PolicyType: 'SUBSCRIPTION_FILTER_POLICY', Scope: 'ALL' });
    const [policy] = Object.values(template.findResources('AWS::Logs::AccountPolicy'));
    assert.match(policy!.Properties.SelectionCriteria, new RegExp(`^LogGroupName NOT IN \\["${escapeRegExp(ECHO_LOG_GROUP)}"`));
    assert.deepEqual(policy!.DependsOn, [permissionId(template)]);
    const document = joined(policy!.Properties.PolicyDocument, (token) => {
      assert.deepEqual(token, { 'Fn::GetAtt': [logicalId(template, 'AWS::Lambda::Function', 'Echo'), 'Arn'] });
      return 'ECHO_ARN';
    });
    assert.deepEqual(JSON.parse(document), { DestinationArn: 'ECHO_ARN', FilterPattern: 'ERROR', Distribution: 'Random' });
    const excluding = synth([account], { excludedLogGroups: ['/aws/lambda/noisy'] });
    excluding.hasResourceProperties('AWS::Logs::AccountPolicy', { SelectionCriteria: selectionCriteria([ECHO_LOG_GROUP, '/aws/lambda/noisy']) });
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
    assert.throws(() => synth([account, { ...account, name: 'another' }]), { name: 'ConfigurationError', message: /account policy: it covers every log group/ });
  });

  it("passes cdk-nag's AWS Solutions checks", () => {
    const app = testApp();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    stackOf([account], {}, app);
    app.synth(); // throws on any finding not acknowledged with a reason
  });

  it("17 resources, CDKMetadata included, as packages/shared's stackResourceCount predicts", () => {
    const stack = stackOf([account], {}, countingApp());
    assert.equal(resourceCount(Template.fromStack(stack)), 17);
    assert.equal(templateResourceCount(stack), 17);
  });
});
