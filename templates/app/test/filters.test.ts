import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { afterEach, describe, it, mock } from 'node:test';
import { subscriptions } from '../lib/subscriptions.js';
import { decodeLogsEvent, encodeLogsEvent } from '../local/delivery.js';
import { invokeHandler, simulateDelivery } from '../local/simulate.js';
import { handler } from '../src/handler.js';
import { captureLogs, lambdaContext } from './events.js';

/**
 * Log lines each subscription filter must forward, and lines it must drop, checked with the same
 * filter-pattern language CloudWatch Logs uses. `yo log-lambda:filter` adds an entry per filter;
 * add your own real log lines to the lists.
 */
const logLines = JSON.parse(readFileSync(new URL('./fixtures/log-lines.json', import.meta.url), 'utf8')) as Record<
  string,
  { forwarded: string[]; dropped: string[] }
>;

afterEach(() => mock.restoreAll());

for (const { name } of subscriptions) {
  describe(`subscription filter ${name}`, () => {
    const lines = logLines[name];

    it('has sample log lines in test/fixtures/log-lines.json', () => {
      assert.ok((lines?.forwarded.length ?? 0) > 0, `add log lines that ${name} must forward to test/fixtures/log-lines.json`);
    });

    it('forwards each of its sample lines', () => {
      const [delivery] = simulateDelivery(lines?.forwarded ?? [], subscriptions, { filter: name });
      assert.equal(delivery?.matched, lines?.forwarded.length);
    });

    it('drops the lines it must not forward', () => {
      const [delivery] = simulateDelivery(lines?.dropped ?? [], subscriptions, { filter: name });
      assert.equal(delivery?.matched, 0);
    });

    it('delivers what it forwards to the handler, which receives it intact', async () => {
      captureLogs(); // the handler logs each batch
      const [delivery] = simulateDelivery(lines?.forwarded ?? [], subscriptions, { filter: name });
      for (const payload of delivery?.payloads ?? []) {
        const event = encodeLogsEvent(payload);
        assert.deepEqual(decodeLogsEvent(event), payload);
        assert.deepEqual(await handler(event, lambdaContext()), payload);
      }
    });
  });
}

describe('npm run invoke (local/simulate.ts)', () => {
  const [first] = subscriptions;
  const lines = logLines[first!.name]?.forwarded ?? [];

  it('sends what the filters forward to the handler and summarises it', async () => {
    captureLogs();
    const report: string[] = [];
    const code = await invokeHandler(simulateDelivery(lines, subscriptions, { filter: first!.name }), lines.length, handler, lambdaContext, (line) => report.push(line));
    assert.equal(code, 0);
    assert.equal(report[0], `handler returned DATA_MESSAGE with ${lines.length} events (${first!.name}, batch 1 of 1)`);
    assert.match(report.at(-1) ?? '', new RegExp(`^lines read: ${lines.length}\\n.*: ${lines.length} matched, 1 batch, \\d+ bytes$`));
  });

  it('reports a handler error with its message, and exit code 1', async () => {
    const report: string[] = [];
    const failing = () => Promise.reject(new Error('boom'));
    const code = await invokeHandler(simulateDelivery(lines, subscriptions, { filter: first!.name }), lines.length, failing, lambdaContext, (line) => report.push(line));
    assert.equal(code, 1);
    assert.deepEqual(report, [`handler failed (${first!.name}, batch 1 of 1): boom`]);
  });

  it('names the flag when it selects no subscription', () => {
    assert.throws(() => simulateDelivery(lines, subscriptions, { filter: 'no-such-filter' }), { message: /^--filter no-such-filter matches no subscription/ });
  });
});
