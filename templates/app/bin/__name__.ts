#!/usr/bin/env node
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { <%- stackName %> } from '../lib/<%- projectName %>-stack.js';
import { StackTooLargeError } from '../lib/scale.js';

const app = new App();
try {
  new <%- stackName %>(app, '<%- stackName %>', {
    // The account and region of the AWS CLI profile you deploy with (cdk deploy --profile ...).
    env: { account: process.env['CDK_DEFAULT_ACCOUNT'], region: process.env['CDK_DEFAULT_REGION'] },
  });
} catch (error) {
  // A stack too large for CloudFormation: the message says what to do; a stack trace would bury it.
  if (!(error instanceof StackTooLargeError)) throw error;
  console.error(error.message);
  process.exit(1);
}
// cdk-nag's AWS Solutions rules: synth fails on any finding that is not acknowledged with a reason.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
