import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { subscriptions } from '../lib/subscriptions.js';
import { decodeLogsEvent, encodeLogsEvent } from '../local/delivery.js';
import { simulateDelivery } from '../local/simulate.js';
import { handler } from '../src/handler.js';
import { lambdaContext } from './events.js';

/**
 * Log lines each subscription filter must forward, and lines it must drop, checked with the same
 * filter-pattern language CloudWatch Logs uses. `yo log-lambda:filter` adds an entry per filter;
 * add your own real log lines to the lists.
 */
const logLines = JSON.parse(readFileSync(new URL('./fixtures/log-lines.json', import.meta.url), 'utf8')) as Record<
  string,
  { forwarded: string[]; dropped: string[] }
>;

describe.each(subscriptions.map((s) => [s.name, s] as const))('subscription filter %s', (name) => {
  const lines = logLines[name];

  it('has sample log lines in test/fixtures/log-lines.json', () => {
    expect(lines?.forwarded.length, `add log lines that ${name} must forward to test/fixtures/log-lines.json`).toBeGreaterThan(0);
  });

  it('forwards each of its sample lines', () => {
    const [delivery] = simulateDelivery(lines?.forwarded ?? [], subscriptions, { filter: name });
    expect(delivery?.matched).toBe(lines?.forwarded.length);
  });

  it('drops the lines it must not forward', () => {
    const [delivery] = simulateDelivery(lines?.dropped ?? [], subscriptions, { filter: name });
    expect(delivery?.matched).toBe(0);
  });

  it('delivers what it forwards to the handler, which receives it intact', async () => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true); // the handler logs each batch
    const [delivery] = simulateDelivery(lines?.forwarded ?? [], subscriptions, { filter: name });
    for (const payload of delivery?.payloads ?? []) {
      const event = encodeLogsEvent(payload);
      expect(decodeLogsEvent(event)).toEqual(payload);
      await expect(handler(event, lambdaContext())).resolves.toEqual(payload);
    }
  });
});
