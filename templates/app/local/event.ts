/**
 * `npm run event -- --message "…" [--message "…"] [--log-group G] [--filter NAME]`: prints a
 * CloudWatch Logs event, ready for the Lambda console's test tab or a test, like
 * `sam local generate-event cloudwatch logs`.
 */
import { parseArgs } from 'node:util';
import { subscriptions } from '../lib/subscriptions.js';
import { batchLogEvents, encodeLogsEvent, eventId } from './log-lambda/delivery.js';
import { batchKey, deliveringLogGroup, selectSubscriptions } from './simulate.js';

try {
  const { values } = parseArgs({
    options: {
      message: { type: 'string', multiple: true },
      'log-group': { type: 'string' },
      filter: { type: 'string' },
      'log-stream': { type: 'string', default: 'local' },
    },
  });
  if (!values.message?.length) throw new Error('--message is required: npm run event -- --message "[ERROR] boom"');
  const subscription = selectSubscriptions(subscriptions, {
    ...(values['log-group'] !== undefined && { logGroup: values['log-group'] }),
    ...(values.filter !== undefined && { filter: values.filter }),
  })[0]!;
  const now = Date.now();
  const events = values.message.map((message, i) => ({ id: eventId(now + i, i), timestamp: now + i, message }));
  const key = batchKey(subscription, { owner: '123456789012', logGroup: deliveringLogGroup(subscription, values['log-group']), logStream: values['log-stream'] });
  for (const payload of batchLogEvents(key, events)) console.log(JSON.stringify(encodeLogsEvent(payload), null, 2));
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
