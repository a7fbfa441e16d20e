/**
 * Files an earlier version generated that the running one no longer does. An upgrade whose base
 * is a git commit (a project made by 0.1.0, which recorded nothing) counts a file of the commit as
 * log-lambda's only if the running version generates it, or if it is one of these: then it is
 * removed where the user never changed it, and kept and listed where they did.
 */
export const retiredFiles: ReadonlySet<string> = new Set([
  // 0.1.0 tested with vitest; projects test with Node.js's test runner since.
  'vitest.config.ts',
  // 0.1.0's and 0.2.0's layout, before log-lambda's machinery moved into log-lambda/ folders and
  // the user's function into src/process.ts (issue 21); their shipped modules go by their header.
  ...['account-policy', 'alarms', 'bundled-code', 'own-log-groups', 'permissions', 'prefix-subscriber', 'scale', 'settings', 'subscription-kinds'].map((name) => `lib/${name}.ts`),
  ...['event', 'failed-batches', 'invoke', 'redrive', 'simulate'].map((name) => `local/${name}.ts`),
  ...['decode', 'failure-queue', 'handler', 'log', 'subscriber'].map((name) => `src/${name}.ts`),
  ...['assert-match', 'events', 'filters.test', 'handler.test', 'redrive.test', 'run', 'stack.test', 'subscriber.test'].map((name) => `test/${name}.ts`),
  'test/fixtures/aws-sample-event.json',
]);
