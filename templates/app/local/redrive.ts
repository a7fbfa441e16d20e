/**
 * `npm run redrive -- [--dry-run] [--max N] [--queue-url URL] [--function-name NAME]`: sends the
 * batches in the failure queue back through the deployed function, once their cause is fixed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import { queueRegion, redrive, redriveTargets } from './failed-batches.js';

const usage = `Usage: npm run redrive -- [--dry-run] [--max N] [--queue-url URL] [--function-name NAME]

Sends the failed batches in the stack's failure queue back through the function: each one is
invoked again asynchronously, with the event it failed on, and deleted from the queue once Lambda
has accepted it. Fix the cause first (each record says why it failed): a batch that fails again
comes back to the queue.
  --dry-run             show what would be sent; send and delete nothing
  --max N               handle at most N messages (default: 100)
  --queue-url URL       the failure queue (default: FailureQueueUrl in cdk-outputs.json)
  --function-name NAME  the function (default: EchoFunctionName in cdk-outputs.json)
AWS credentials and region come from the environment or your AWS profile (AWS_PROFILE=...).`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'dry-run': { type: 'boolean', default: false },
      max: { type: 'string', default: '100' },
      'queue-url': { type: 'string' },
      'function-name': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const max = Number(values.max);
  if (!Number.isSafeInteger(max) || max < 1) throw new Error(`--max ${values.max} is not a whole number above 0`);
  const outputs = existsSync('cdk-outputs.json') ? readFileSync('cdk-outputs.json', 'utf8') : undefined;
  const { queueUrl, functionName } = redriveTargets(values, outputs, <%- tsString(stackName) %>);
  const region = process.env['AWS_REGION'] ?? process.env['AWS_DEFAULT_REGION'] ?? queueRegion(queueUrl);
  const clients = region === undefined ? {} : { region };
  const summary = await redrive(new SQSClient(clients), new LambdaClient(clients), { queueUrl, functionName, max, dryRun: values['dry-run'] }, (line) => console.log(line));
  return summary.failed > 0 ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error((error as Error).message);
    process.exitCode = 1;
  },
);
