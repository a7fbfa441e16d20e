/**
 * Files an earlier version generated that the running one no longer does. An upgrade whose base
 * is a git commit (a project made by 0.1.0, which recorded nothing) counts a file of the commit as
 * log-lambda's only if the running version generates it, or if it is one of these: then it is
 * removed where the user never changed it, and kept and listed where they did.
 */
export const retiredFiles: ReadonlySet<string> = new Set([
  // 0.1.0 tested with vitest; projects test with Node.js's test runner since.
  'vitest.config.ts',
]);
