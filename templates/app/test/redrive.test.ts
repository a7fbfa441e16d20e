import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { ChangeMessageVisibilityBatchCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { queueRegion, readFailure, redrive, redriveTargets, type RedriveOptions } from '../local/failed-batches.js';
import { failureRecord } from '../src/failure-queue.js';
import { MalformedEventError } from '../src/decode.js';
import { dataMessage, encode, lambdaContext } from './events.js';

const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/<%- stackName %>-FailureQueue';
const options: RedriveOptions = { queueUrl: QUEUE_URL, functionName: '<%- stackName %>-Echo', max: 100, dryRun: false };

/** A message as Lambda's on-failure destination writes it, after the retries. */
function lambdaRecord(id: string, event: unknown): Message {
  const body = {
    version: '1.0',
    timestamp: '2026-01-01T00:00:00.000Z',
    requestContext: { requestId: `r-${id}`, functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:f:$LATEST', condition: 'RetriesExhausted', approximateInvokeCount: 3 },
    requestPayload: event,
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    responsePayload: { errorType: 'Error', errorMessage: 'downstream timed out' },
  };
  return { MessageId: id, ReceiptHandle: `handle-${id}`, Body: JSON.stringify(body) };
}

/** A message as the handler writes it for a batch it refuses. */
function malformedRecord(id: string, event: unknown): Message {
  return { MessageId: id, ReceiptHandle: `handle-${id}`, Body: failureRecord(event, new MalformedEventError('event.awslogs.data is too large'), lambdaContext()) };
}

const sqs = mockClient(SQSClient);
const lambda = mockClient(LambdaClient);
let report: string[];

/** The queue hands out `batches` one receive at a time, then nothing. */
function queueHolds(...batches: Message[][]): void {
  const receive = sqs.on(ReceiveMessageCommand);
  for (const batch of batches) receive.resolvesOnce({ Messages: batch });
  receive.resolves({});
}

async function run(overrides: Partial<RedriveOptions> = {}) {
  return redrive(new SQSClient({ region: 'eu-west-1' }), new LambdaClient({ region: 'eu-west-1' }), { ...options, ...overrides }, (line) => report.push(line));
}

beforeEach(() => {
  sqs.reset();
  lambda.reset();
  sqs.on(DeleteMessageCommand).resolves({});
  sqs.on(ChangeMessageVisibilityBatchCommand).resolves({ Successful: [], Failed: [] });
  report = [];
});

describe('npm run redrive', () => {
  const first = encode(dataMessage(['[ERROR] one']));
  const second = encode(dataMessage(['[ERROR] two']));

  it('invokes the function asynchronously with each original event, then deletes the message', async () => {
    queueHolds([lambdaRecord('a', first), malformedRecord('b', second)]);
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });

    expect(await run()).toEqual({ sent: 2, skipped: 0, failed: 0 });

    const invokes = lambda.commandCalls(InvokeCommand).map((call) => call.args[0].input);
    expect(invokes.map(({ FunctionName, InvocationType }) => [FunctionName, InvocationType])).toEqual([
      [options.functionName, 'Event'],
      [options.functionName, 'Event'],
    ]);
    expect(invokes.map((input) => JSON.parse(Buffer.from(input.Payload as Uint8Array).toString('utf8')))).toEqual([first, second]);
    expect(sqs.commandCalls(DeleteMessageCommand).map((call) => call.args[0].input)).toEqual([
      { QueueUrl: QUEUE_URL, ReceiptHandle: 'handle-a' },
      { QueueUrl: QUEUE_URL, ReceiptHandle: 'handle-b' },
    ]);
    expect(report).toEqual([
      'sent a (RetriesExhausted: downstream timed out)',
      'sent b (MalformedEvent: event.awslogs.data is too large)',
      '2 sent again and deleted, 0 skipped, 0 failed',
    ]);
  });

  it('hides what it received while it runs, for no more than 5 minutes', async () => {
    queueHolds([lambdaRecord('a', first)]);
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    await run();
    expect(sqs.commandCalls(ReceiveMessageCommand)[0]!.args[0].input).toMatchObject({ QueueUrl: QUEUE_URL, VisibilityTimeout: 300, MaxNumberOfMessages: 10 });
  });

  it('--dry-run sends and deletes nothing, and makes the messages visible again at the end', async () => {
    queueHolds([lambdaRecord('a', first), lambdaRecord('b', second)]);
    expect(await run({ dryRun: true })).toEqual({ sent: 0, skipped: 0, failed: 0 });
    expect(lambda.commandCalls(InvokeCommand)).toEqual([]);
    expect(sqs.commandCalls(DeleteMessageCommand)).toEqual([]);
    expect(sqs.commandCalls(ChangeMessageVisibilityBatchCommand)[0]!.args[0].input.Entries).toEqual([
      { Id: '0', ReceiptHandle: 'handle-a', VisibilityTimeout: 0 },
      { Id: '1', ReceiptHandle: 'handle-b', VisibilityTimeout: 0 },
    ]);
    expect(report).toEqual(['would send a (RetriesExhausted: downstream timed out)', 'would send b (RetriesExhausted: downstream timed out)', 'dry run: 2 would be sent, 0 skipped, 0 failed']);
  });

  it('keeps a message whose invoke fails, reports it, and goes on with the others', async () => {
    queueHolds([lambdaRecord('a', first), lambdaRecord('b', second)]);
    lambda.on(InvokeCommand).rejectsOnce(new Error('Rate exceeded')).resolves({ StatusCode: 202 });
    expect(await run()).toEqual({ sent: 1, skipped: 0, failed: 1 });
    expect(sqs.commandCalls(DeleteMessageCommand).map((call) => call.args[0].input.ReceiptHandle)).toEqual(['handle-b']);
    expect(sqs.commandCalls(ChangeMessageVisibilityBatchCommand)[0]!.args[0].input.Entries).toEqual([{ Id: '0', ReceiptHandle: 'handle-a', VisibilityTimeout: 0 }]);
    expect(report[0]).toBe('failed a: Rate exceeded; it stays in the queue');
  });

  it('skips, and keeps, what is not a failure record with its event', async () => {
    const omitted = { MessageId: 'c', ReceiptHandle: 'handle-c', Body: JSON.stringify({ requestPayload: null, requestPayloadOmitted: 'the record took 2000000 bytes' }) };
    queueHolds([{ MessageId: 'a', ReceiptHandle: 'handle-a', Body: 'hello' }, { MessageId: 'b', ReceiptHandle: 'handle-b', Body: '{"x":1}' }, omitted]);
    expect(await run()).toEqual({ sent: 0, skipped: 3, failed: 0 });
    expect(lambda.commandCalls(InvokeCommand)).toEqual([]);
    expect(report.slice(0, 3)).toEqual([
      'skipped a: its body is not JSON, so it is not a failure record; it stays in the queue',
      'skipped b: it has no requestPayload: it is not a failure record of this function; it stays in the queue',
      'skipped c: its event was not kept (the record took 2000000 bytes); it stays in the queue',
    ]);
  });

  it('stops at --max, and says more may wait', async () => {
    queueHolds([lambdaRecord('a', first), lambdaRecord('b', second)], [lambdaRecord('c', first)]);
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    expect(await run({ max: 2 })).toEqual({ sent: 2, skipped: 0, failed: 0 });
    expect(sqs.commandCalls(ReceiveMessageCommand)).toHaveLength(1);
    expect(sqs.commandCalls(ReceiveMessageCommand)[0]!.args[0].input.MaxNumberOfMessages).toBe(2);
    expect(report.at(-1)).toBe('2 sent again and deleted, 0 skipped, 0 failed; stopped at --max 2, more may wait');
  });

  it('stops when the queue hands back only messages it has seen', async () => {
    const again = lambdaRecord('a', first);
    queueHolds([again], [again], [again]);
    expect(await run({ dryRun: true })).toEqual({ sent: 0, skipped: 0, failed: 0 });
    expect(sqs.commandCalls(ReceiveMessageCommand)).toHaveLength(2);
  });
});

describe('what redrive reads', () => {
  it('the reason and the event of a failure record', () => {
    expect(readFailure(malformedRecord('a', { awslogs: { data: 'x' } }).Body)).toEqual({
      payload: { awslogs: { data: 'x' } },
      condition: 'MalformedEvent',
      reason: 'event.awslogs.data is too large',
    });
  });

  it('the queue and the function: flags first, else the outputs npm run deploy wrote', () => {
    const outputs = JSON.stringify({ '<%- stackName %>': { FailureQueueUrl: QUEUE_URL, EchoFunctionName: 'fn' } });
    expect(redriveTargets({}, outputs, '<%- stackName %>')).toEqual({ queueUrl: QUEUE_URL, functionName: 'fn' });
    expect(redriveTargets({ 'function-name': 'other' }, outputs, '<%- stackName %>')).toEqual({ queueUrl: QUEUE_URL, functionName: 'other' });
    expect(() => redriveTargets({}, undefined, '<%- stackName %>')).toThrow(/^--queue-url is required: pass it, or deploy with npm run deploy/);
    expect(() => redriveTargets({ 'queue-url': QUEUE_URL }, '{', '<%- stackName %>')).toThrow(/cdk-outputs\.json is not JSON/);
  });

  it('the region of a queue URL', () => {
    expect(queueRegion(QUEUE_URL)).toBe('eu-west-1');
    expect(queueRegion('http://localhost:4566/000000000000/q')).toBeUndefined();
  });
});
