/**
 * `npm test`: every test/*.test.ts, with Node.js's test runner, in this one process (its --test
 * mode would start one process per file, each loading TypeScript support and aws-cdk-lib anew).
 * Run one file alone with `node --import tsx/esm test/<name>.test.ts`.
 */
import { readdirSync } from 'node:fs';

const folder = new URL('./', import.meta.url);
for (const file of readdirSync(folder).filter((name) => name.endsWith('.test.ts')).sort()) {
  await import(new URL(file, folder).href);
}
