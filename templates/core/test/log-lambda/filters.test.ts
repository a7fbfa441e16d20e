import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { subscriptions } from '../../lib/subscriptions.js';
import { decodeLogsEvent, encodeLogsEvent } from '../../local/log-lambda/delivery.js';
import { describeSubscription, invokeHandler, simulateDelivery } from '../../local/log-lambda/invoke.js';
import type { DecodedLogs } from '../../src/log-lambda/decode.js';
import { createHandler } from '../../src/log-lambda/handler.js';
import { lambdaContext } from './support.js';

/**
 * Log lines each subscription filter must forward, and lines it must drop, checked with the same
 * filter-pattern language CloudWatch Logs uses. Each line is a log event's message exactly as it
 * reaches CloudWatch Logs (a JSON line is a JSON message). `yo log-lambda:filter` adds an entry
 * per filter; add your own real log lines to the lists.
 */
const FIXTURE = 'test/fixtures/log-lines.json';
const logLines = JSON.parse(readFileSync(new URL('../fixtures/log-lines.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/** The handler, around a processBatch that keeps what it is given: what is delivered, whatever src/process.ts does with it. */
const received: DecodedLogs[] = [];
const handler = createHandler(async (batch) => void received.push(batch));

function samplesOf(name: string): { forwarded: string[]; dropped: string[] } {
  const entry = (logLines[name] ?? {}) as Record<string, unknown>;
  const list = (key: 'forwarded' | 'dropped') => {
    const lines = entry[key] ?? [];
    if (!Array.isArray(lines) || lines.some((line) => typeof line !== 'string'))
      throw new Error(`${FIXTURE}: ${JSON.stringify(name)}.${key} must be a list of log lines (strings)`);
    return lines as string[];
  };
  return { forwarded: list('forwarded'), dropped: list('dropped') };
}

/** A test that needs sample lines is skipped, with this reason, where there are none. */
const noSamples = (lines: readonly string[]) => lines.length === 0 && 'no sample lines to forward';

for (const { name } of subscriptions) {
  describe(`subscription filter ${name}`, () => {
    const { forwarded, dropped } = samplesOf(name);

    it(`has sample log lines in ${FIXTURE}`, () => {
      assert.ok(forwarded.length > 0, `add log lines that ${name} must forward to ${FIXTURE}`);
    });

    it('forwards each of its sample lines', { skip: noSamples(forwarded) }, () => {
      const [delivery] = simulateDelivery(forwarded, subscriptions, { filter: name });
      assert.equal(delivery?.matched, forwarded.length);
    });

    it('drops the lines it must not forward', () => {
      const [delivery] = simulateDelivery(dropped, subscriptions, { filter: name });
      assert.equal(delivery?.matched, 0);
    });

    it('delivers what it forwards to the handler, which gives it to processBatch intact', { skip: noSamples(forwarded) }, async () => {
      const [delivery] = simulateDelivery(forwarded, subscriptions, { filter: name });
      for (const payload of delivery?.payloads ?? []) {
        const event = encodeLogsEvent(payload);
        assert.deepEqual(decodeLogsEvent(event), payload);
        received.length = 0;
        assert.deepEqual(await handler(event, lambdaContext()), payload);
        assert.deepEqual(received, [payload]);
      }
    });
  });
}

// The first subscription with sample lines (one without fails its own test above).
const sampled = subscriptions.find((s) => samplesOf(s.name).forwarded.length > 0);

describe('npm run invoke (local/log-lambda/invoke.ts)', () => {
  // Read only inside the tests, which are skipped without a subscription with sample lines.
  const subscription = sampled!;
  const lines = sampled ? samplesOf(sampled.name).forwarded : [];
  const skip = noSamples(lines);

  it('sends what the filters forward to the handler and summarises it', { skip }, async () => {
    const report: string[] = [];
    const deliveries = simulateDelivery(lines, subscriptions, { filter: subscription.name });
    const bytes = deliveries[0]!.payloads.reduce((sum, payload) => sum + Buffer.byteLength(JSON.stringify(encodeLogsEvent(payload))), 0);
    const code = await invokeHandler(deliveries, `lines read: ${lines.length}`, handler, lambdaContext, (line) => report.push(line));
    assert.equal(code, 0);
    assert.deepEqual(report, [
      `handler returned DATA_MESSAGE with ${lines.length} events (${subscription.name}, batch 1 of 1)`,
      `lines read: ${lines.length}\n${describeSubscription(subscription, deliveries[0]!.logGroup)}: ${lines.length} matched, 1 batch, ${bytes} bytes`,
    ]);
  });

  it('reports a handler error with its message, and exit code 1', { skip }, async () => {
    const report: string[] = [];
    const failing = () => Promise.reject(new Error('boom'));
    const code = await invokeHandler(simulateDelivery(lines, subscriptions, { filter: subscription.name }), `lines read: ${lines.length}`, failing, lambdaContext, (line) =>
      report.push(line),
    );
    assert.equal(code, 1);
    assert.deepEqual(report, [`handler failed (${subscription.name}, batch 1 of 1): boom`]);
  });

  it('gives each log stream its own payload, as CloudWatch Logs does', { skip }, () => {
    const events = lines.flatMap((message, i) => [
      { timestamp: 1767225600000 + i, message, logStream: 'stream-a' },
      { timestamp: 1767225600000 + i, message, logStream: 'stream-b' },
    ]);
    const [delivery] = simulateDelivery(events, subscriptions, { filter: subscription.name });
    assert.deepEqual(
      delivery!.payloads.map((payload) => [payload.logStream, payload.logEvents.map((event) => event.message)]),
      [
        ['stream-a', lines],
        ['stream-b', lines],
      ],
    );
  });
});

it('names the flag when npm run invoke selects no subscription', () => {
  assert.throws(() => simulateDelivery([], subscriptions, { filter: 'no-such-filter' }), { message: /^--filter no-such-filter matches no subscription/ });
});
