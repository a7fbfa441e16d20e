import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { <%- stackName %> } from '../lib/<%- projectName %>-stack.js';
import { ConfigurationError, DEFAULT_STACK_NAME } from '../lib/log-lambda/rules.js';

const app = new App();
// aws-cdk-lib's built-in CloudFormation validation checks the template against CloudFormation's
// schemas and rules, and takes seconds: `npm run validate` and `npm run deploy` run it (they pass
// --context validate=true); a plain `cdk synth` skips it, unless CDK_VALIDATION=true.
if (String(app.node.tryGetContext('validate')) !== 'true') process.env['CDK_VALIDATION'] ??= 'false';
try {
  new <%- stackName %>(app, DEFAULT_STACK_NAME, {
    // The account and region of the AWS CLI profile you deploy with (cdk deploy --profile ...).
    env: { account: process.env['CDK_DEFAULT_ACCOUNT'], region: process.env['CDK_DEFAULT_REGION'] },
  });
} catch (error) {
  // lib/subscriptions.ts or a setting the stack refuses: the message says what to do; a stack trace would bury it.
  if (!(error instanceof ConfigurationError)) throw error;
  console.error(error.message);
  process.exit(1);
}
// cdk-nag's AWS Solutions rules: synth fails on any finding that is not acknowledged with a reason.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
