// Yours: what this project does with each batch of log events. log-lambda wrote this file once,
// when it made the project, and never writes it again (an upgrade leaves it as it is); the
// machinery around it is in src/log-lambda/ (managed: an upgrade replaces it).
//
// src/log-lambda/handler.ts calls processBatch with every batch CloudWatch Logs delivers, decoded
// and checked (its reachability checks never get here). Replace the echo below with your own
// processing: forward the events, alert a channel. A thrown error makes Lambda retry the batch
// twice, then keep it in the failure queue (npm run redrive sends it back once fixed); throw a
// MalformedEventError for a batch that retrying cannot fix. Its tests: test/process.test.ts.
import type { Context } from 'aws-lambda';
import type { DecodedLogs } from './log-lambda/decode.js';
import { filterField, writeEventLines } from './log-lambda/log.js';

/** The echo: logs every event of the batch as a JSON record of its own, and a summary of the batch. */
export async function processBatch(batch: DecodedLogs, context: Context): Promise<void> {
  const { owner, logGroup, logStream, logEvents, policyLevel } = batch;
  const lines = writeEventLines(batch, context.awsRequestId);
  console.info({ kind: 'batch', owner, logGroup, logStream, filter: filterField(batch), events: logEvents.length, lines, ...(policyLevel && { policyLevel }) });
}
