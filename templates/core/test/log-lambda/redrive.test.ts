import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { ChangeMessageVisibilityBatchCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { queueRegion, readFailure, redrive, redriveTargets, type RedriveOptions } from '../../local/log-lambda/redrive.js';
import { MalformedEventError } from '../../src/log-lambda/decode.js';
import { failureRecord } from '../../src/log-lambda/handler.js';
import { assertMatch, dataMessage, encode, lambdaContext, STACK } from './support.js';

const QUEUE_URL = `https://sqs.eu-west-1.amazonaws.com/123456789012/${STACK}-FailureQueue`;
const options: RedriveOptions = { queueUrl: QUEUE_URL, functionName: `${STACK}-Echo`, max: 100, dryRun: false };

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

let sqs: AwsClientStub<SQSClient>;
let lambda: AwsClientStub<LambdaClient>;
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

describe('npm run redrive', () => {
  // Mocked for this block's tests only: npm test runs every test file in one process.
  before(() => {
    sqs = mockClient(SQSClient);
    lambda = mockClient(LambdaClient);
  });
  after(() => {
    sqs.restore();
    lambda.restore();
  });
  beforeEach(() => {
    sqs.reset();
    lambda.reset();
    sqs.on(DeleteMessageCommand).resolves({});
    sqs.on(ChangeMessageVisibilityBatchCommand).resolves({ Successful: [], Failed: [] });
    report = [];
  });

  const first = encode(dataMessage(['[ERROR] one']));
  const second = encode(dataMessage(['[ERROR] two']));

  it('invokes the function asynchronously with each original event, then deletes the message', async () => {
    queueHolds([lambdaRecord('a', first), malformedRecord('b', second)]);
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });

    assert.deepEqual(await run(), { sent: 2, skipped: 0, failed: 0 });

    const invokes = lambda.commandCalls(InvokeCommand).map((call) => call.args[0].input);
    assert.deepEqual(
      invokes.map(({ FunctionName, InvocationType }) => [FunctionName, InvocationType]),
      [
        [options.functionName, 'Event'],
        [options.functionName, 'Event'],
      ],
    );
    assert.deepEqual(
      invokes.map((input) => JSON.parse(Buffer.from(input.Payload as Uint8Array).toString('utf8'))),
      [first, second],
    );
    assert.deepEqual(
      sqs.commandCalls(DeleteMessageCommand).map((call) => call.args[0].input),
      [
        { QueueUrl: QUEUE_URL, ReceiptHandle: 'handle-a' },
        { QueueUrl: QUEUE_URL, ReceiptHandle: 'handle-b' },
      ],
    );
    assert.deepEqual(report, [
      'sent a (RetriesExhausted: downstream timed out)',
      'sent b (MalformedEvent: event.awslogs.data is too large)',
      '2 sent again and deleted, 0 skipped, 0 failed',
    ]);
  });

  it('hides what it received while it runs, for no more than 5 minutes', async () => {
    queueHolds([lambdaRecord('a', first)]);
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    await run();
    assertMatch(sqs.commandCalls(ReceiveMessageCommand)[0]!.args[0].input, { QueueUrl: QUEUE_URL, VisibilityTimeout: 300, MaxNumberOfMessages: 10 });
  });

  it('--dry-run sends and deletes nothing, and makes the messages visible again at the end', async () => {
    queueHolds([lambdaRecord('a', first), lambdaRecord('b', second)]);
    assert.deepEqual(await run({ dryRun: true }), { sent: 0, skipped: 0, failed: 0 });
    assert.deepEqual(lambda.commandCalls(InvokeCommand), []);
    assert.deepEqual(sqs.commandCalls(DeleteMessageCommand), []);
    assert.deepEqual(sqs.commandCalls(ChangeMessageVisibilityBatchCommand)[0]!.args[0].input.Entries, [
      { Id: '0', ReceiptHandle: 'handle-a', VisibilityTimeout: 0 },
      { Id: '1', ReceiptHandle: 'handle-b', VisibilityTimeout: 0 },
    ]);
    assert.deepEqual(report, [
      'would send a (RetriesExhausted: downstream timed out)',
      'would send b (RetriesExhausted: downstream timed out)',
      'dry run: 2 would be sent, 0 skipped, 0 failed',
    ]);
  });

  it('keeps a message whose invoke fails, reports it, and goes on with the others', async () => {
    queueHolds([lambdaRecord('a', first), lambdaRecord('b', second)]);
    lambda.on(InvokeCommand).rejectsOnce(new Error('Rate exceeded')).resolves({ StatusCode: 202 });
    assert.deepEqual(await run(), { sent: 1, skipped: 0, failed: 1 });
    assert.deepEqual(
      sqs.commandCalls(DeleteMessageCommand).map((call) => call.args[0].input.ReceiptHandle),
      ['handle-b'],
    );
    assert.deepEqual(sqs.commandCalls(ChangeMessageVisibilityBatchCommand)[0]!.args[0].input.Entries, [{ Id: '0', ReceiptHandle: 'handle-a', VisibilityTimeout: 0 }]);
    assert.equal(report[0], 'failed a: Rate exceeded; it stays in the queue');
  });

  it('skips, and keeps, what is not a failure record with its event', async () => {
    const omitted = { MessageId: 'c', ReceiptHandle: 'handle-c', Body: JSON.stringify({ requestPayload: null, requestPayloadOmitted: 'the record took 2000000 bytes' }) };
    queueHolds([{ MessageId: 'a', ReceiptHandle: 'handle-a', Body: 'hello' }, { MessageId: 'b', ReceiptHandle: 'handle-b', Body: '{"x":1}' }, omitted]);
    assert.deepEqual(await run(), { sent: 0, skipped: 3, failed: 0 });
    assert.deepEqual(lambda.commandCalls(InvokeCommand), []);
    assert.deepEqual(report.slice(0, 3), [
      'skipped a: its body is not JSON, so it is not a failure record; it stays in the queue',
      'skipped b: it has no requestPayload: it is not a failure record of this function; it stays in the queue',
      'skipped c: its event was not kept (the record took 2000000 bytes); it stays in the queue',
    ]);
  });

  it('stops at --max, and says more may wait', async () => {
    queueHolds([lambdaRecord('a', first), lambdaRecord('b', second)], [lambdaRecord('c', first)]);
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    assert.deepEqual(await run({ max: 2 }), { sent: 2, skipped: 0, failed: 0 });
    assert.equal(sqs.commandCalls(ReceiveMessageCommand).length, 1);
    assert.equal(sqs.commandCalls(ReceiveMessageCommand)[0]!.args[0].input.MaxNumberOfMessages, 2);
    assert.equal(report.at(-1), '2 sent again and deleted, 0 skipped, 0 failed; stopped at --max 2, more may wait');
  });

  it('stops when the queue hands back only messages it has seen', async () => {
    const again = lambdaRecord('a', first);
    queueHolds([again], [again], [again]);
    assert.deepEqual(await run({ dryRun: true }), { sent: 0, skipped: 0, failed: 0 });
    assert.equal(sqs.commandCalls(ReceiveMessageCommand).length, 2);
  });
});

describe('what redrive reads', () => {
  it('the reason and the event of a failure record', () => {
    assert.deepEqual(readFailure(malformedRecord('a', { awslogs: { data: 'x' } }).Body), {
      payload: { awslogs: { data: 'x' } },
      condition: 'MalformedEvent',
      reason: 'event.awslogs.data is too large',
    });
  });

  it('the queue and the function: flags first, else the outputs npm run deploy wrote', () => {
    const outputs = JSON.stringify({ [STACK]: { FailureQueueUrl: QUEUE_URL, EchoFunctionName: 'fn' } });
    assert.deepEqual(redriveTargets({}, outputs, STACK), { queueUrl: QUEUE_URL, functionName: 'fn' });
    assert.deepEqual(redriveTargets({ 'function-name': 'other' }, outputs, STACK), { queueUrl: QUEUE_URL, functionName: 'other' });
    assert.throws(() => redriveTargets({}, undefined, STACK), { message: /^--queue-url is required: pass it, or deploy with npm run deploy/ });
    assert.throws(() => redriveTargets({ 'queue-url': QUEUE_URL }, '{', STACK), { message: /cdk-outputs\.json is not JSON/ });
  });

  it('the region of a queue URL', () => {
    assert.equal(queueRegion(QUEUE_URL), 'eu-west-1');
    assert.equal(queueRegion('http://localhost:4566/000000000000/q'), undefined);
  });
});
