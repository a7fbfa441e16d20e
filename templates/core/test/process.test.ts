// Yours: the tests of src/process.ts. log-lambda wrote this file once, with the project, and
// never writes it again: change the tests with your processing (`npm test -- test/process.test.ts`
// runs them alone). The handler around processBatch is log-lambda's, tested in test/log-lambda/.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import type { Context } from 'aws-lambda';
import type { DecodedLogs } from '../src/log-lambda/decode.js';
import { processBatch } from '../src/process.js';

/** A batch as the handler gives it to processBatch: decoded and checked. */
const batch: DecodedLogs = {
  messageType: 'DATA_MESSAGE',
  owner: '123456789012',
  logGroup: '/app/api',
  logStream: 'stream',
  subscriptionFilters: ['api-errors'],
  logEvents: [{ id: '37000000000000000000000000000000000000000000000000000000', timestamp: 1767225600000, message: '[ERROR] boom' }],
};

describe('processBatch: the echo', () => {
  let written: string[];
  let logged: unknown[][];
  beforeEach(() => {
    written = [];
    logged = [];
    mock.method(process.stdout, 'write', (chunk: unknown) => void written.push(...String(chunk).split('\n').filter(Boolean)));
    mock.method(console, 'info', (...args: unknown[]) => void logged.push(args));
  });
  afterEach(() => mock.restoreAll());

  it('logs every event as a JSON record of its own, and a summary of the batch', async () => {
    await processBatch(batch, { awsRequestId: 'request-1' } as Context);
    const records = written.map((line) => JSON.parse(line) as { level: string; requestId: string; message: unknown });
    assert.deepEqual(
      records.map(({ level, requestId, message }) => ({ level, requestId, message })),
      [{ level: 'INFO', requestId: 'request-1', message: { kind: 'log event', logGroup: '/app/api', logStream: 'stream', filter: 'api-errors', ...batch.logEvents[0] } }],
    );
    assert.deepEqual(logged, [[{ kind: 'batch', owner: '123456789012', logGroup: '/app/api', logStream: 'stream', filter: 'api-errors', events: 1, lines: 1 }]]);
  });
});
