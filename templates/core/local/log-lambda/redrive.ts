/**
 * `npm run redrive -- [--dry-run] [--max N] [--queue-url URL] [--function-name NAME]`: sends the
 * failure queue's batches back through the deployed function, once their cause is fixed: each
 * message's event is invoked again asynchronously, as CloudWatch Logs invokes it, and the message
 * deleted once Lambda has accepted it. A batch that fails again comes back to the queue, with its
 * new reason.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { ChangeMessageVisibilityBatchCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { DEFAULT_STACK_NAME } from '../../lib/log-lambda/rules.js';
import type { FailureRecord } from '../../src/log-lambda/handler.js';

export interface RedriveOptions {
  queueUrl: string;
  functionName: string;
  /** The most messages one run handles. */
  max: number;
  /** Show what would be sent; send and delete nothing. */
  dryRun: boolean;
}

export interface RedriveSummary {
  sent: number;
  skipped: number;
  failed: number;
}

/** How long a received message stays hidden from other readers while this run works on it. */
const VISIBILITY_SECONDS = 300;

export async function redrive(sqs: SQSClient, lambda: LambdaClient, options: RedriveOptions, report: (line: string) => void): Promise<RedriveSummary> {
  const { queueUrl, functionName, max, dryRun } = options;
  const summary: RedriveSummary = { sent: 0, skipped: 0, failed: 0 };
  // Messages left in the queue stay hidden until the run ends (so none is read twice), then
  // become visible again at once.
  const kept: Message[] = [];
  const seen = new Set<string>();
  try {
    while (seen.size < max) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: Math.min(10, max - seen.size), VisibilityTimeout: VISIBILITY_SECONDS, WaitTimeSeconds: 1 }),
      );
      const fresh = Messages.filter((message) => !seen.has(message.MessageId ?? ''));
      if (fresh.length === 0) break; // empty, or only what this run has seen already
      for (const message of fresh) {
        seen.add(message.MessageId ?? '');
        const id = message.MessageId ?? '(no id)';
        const failure = readFailure(message.Body);
        if (typeof failure === 'string') {
          summary.skipped++;
          kept.push(message);
          report(`skipped ${id}: ${failure}; it stays in the queue`);
          continue;
        }
        const what = `${failure.condition}: ${failure.reason}`;
        if (dryRun) {
          kept.push(message);
          report(`would send ${id} (${what})`);
          continue;
        }
        try {
          const { StatusCode } = await lambda.send(
            new InvokeCommand({ FunctionName: functionName, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(failure.payload)) }),
          );
          if (StatusCode !== 202) throw new Error(`Lambda answered ${StatusCode}, not 202 (accepted)`);
        } catch (error) {
          summary.failed++;
          kept.push(message);
          report(`failed ${id}: ${(error as Error).message}; it stays in the queue`);
          continue;
        }
        await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
        summary.sent++;
        report(`sent ${id} (${what})`);
      }
    }
  } finally {
    await release(sqs, queueUrl, kept);
  }
  const more = seen.size >= max ? `; stopped at --max ${max}, more may wait` : '';
  report(
    `${dryRun ? 'dry run: ' : ''}${dryRun ? `${seen.size - summary.skipped} would be sent` : `${summary.sent} sent again and deleted`}, ${summary.skipped} skipped, ${summary.failed} failed${more}`,
  );
  return summary;
}

/** The event to send again and why it failed, or what keeps the message from being sent. */
export function readFailure(body: string | undefined): { payload: unknown; condition: string; reason: string } | string {
  let record: Partial<FailureRecord>;
  try {
    record = JSON.parse(body ?? '') as Partial<FailureRecord>;
  } catch {
    return 'its body is not JSON, so it is not a failure record';
  }
  if (typeof record !== 'object' || record === null) return 'its body is not a failure record';
  if (record.requestPayloadOmitted) return `its event was not kept (${record.requestPayloadOmitted})`;
  if (record.requestPayload === undefined || record.requestPayload === null) return 'it has no requestPayload: it is not a failure record of this function';
  const condition = record.requestContext?.condition ?? 'unknown condition';
  const reason = record.responsePayload?.errorMessage ?? record.responsePayload?.errorType ?? 'no error message';
  return { payload: record.requestPayload, condition, reason: reason.length > 200 ? `${reason.slice(0, 200)}…` : reason };
}

async function release(sqs: SQSClient, queueUrl: string, messages: readonly Message[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 10) {
    const entries = messages.slice(i, i + 10).map((message, n) => ({ Id: String(n), ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 }));
    await sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
  }
}

/** Where to redrive from and to: the flags, else the stack's outputs that `npm run deploy` wrote. */
export function redriveTargets(
  flags: { 'queue-url'?: string; 'function-name'?: string },
  outputsFile: string | undefined,
  stackName: string,
): { queueUrl: string; functionName: string } {
  let outputs: Record<string, string | undefined> = {};
  if (outputsFile !== undefined) {
    try {
      outputs = (JSON.parse(outputsFile) as Record<string, Record<string, string>>)[stackName] ?? {};
    } catch {
      throw new Error('cdk-outputs.json is not JSON: deploy again with npm run deploy, or pass --queue-url and --function-name');
    }
  }
  const queueUrl = flags['queue-url'] ?? outputs['FailureQueueUrl'];
  const functionName = flags['function-name'] ?? outputs['EchoFunctionName'];
  if (queueUrl === undefined || functionName === undefined) {
    throw new Error(
      `--${queueUrl === undefined ? 'queue-url' : 'function-name'} is required: pass it, or deploy with npm run deploy, which writes the stack's outputs to cdk-outputs.json`,
    );
  }
  return { queueUrl, functionName };
}

/** The region in an SQS queue URL (https://sqs.<region>.amazonaws.com/...), if it has one. */
export function queueRegion(queueUrl: string): string | undefined {
  return /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\//.exec(queueUrl)?.[1];
}

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
  const { queueUrl, functionName } = redriveTargets(values, outputs, DEFAULT_STACK_NAME);
  const region = process.env['AWS_REGION'] ?? process.env['AWS_DEFAULT_REGION'] ?? queueRegion(queueUrl);
  const clients = region === undefined ? {} : { region };
  const summary = await redrive(new SQSClient(clients), new LambdaClient(clients), { queueUrl, functionName, max, dryRun: values['dry-run'] }, (line) => console.log(line));
  return summary.failed > 0 ? 1 : 0;
}

// Run as the command (npm run redrive), not when a test imports the functions above.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error((error as Error).message);
      process.exitCode = 1;
    },
  );
}
