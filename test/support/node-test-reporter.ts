/**
 * A reporter for Node.js's test runner (`--test-reporter`): one JSON line per test or suite that
 * ended, with its name, the names of the suites around it, and its error. project-tests.ts reads
 * it to tell what a generated project's tests did.
 */
import type { TestEvent } from 'node:test/reporters';

export interface ReportedTest {
  /** The suites around it, outermost first, then its own name. */
  path: string[];
  suite: boolean;
  status: 'passed' | 'failed' | 'skipped' | 'todo';
  /** Why it failed: `subtestsFailed` when only tests inside it did, else the error's text. */
  failureType?: string;
  error?: string;
}

export default async function* reporter(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  const open: string[] = []; // the names of the tests and suites started, by nesting
  for await (const event of source) {
    if (event.type === 'test:start') {
      open.length = event.data.nesting;
      open.push(event.data.name);
      continue;
    }
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { data } = event;
    const status = event.type === 'test:fail' ? 'failed' : data.skip !== undefined ? 'skipped' : data.todo !== undefined ? 'todo' : 'passed';
    const reported: ReportedTest = { path: [...open.slice(0, data.nesting), data.name], suite: data.details.type === 'suite', status };
    if (event.type === 'test:fail') {
      const error = event.data.details.error as Error & { failureType?: string; cause?: unknown };
      reported.failureType = error.failureType ?? 'unknown';
      const cause = error.cause instanceof Error ? error.cause : error;
      reported.error = cause.stack ?? String(cause);
    }
    yield `${JSON.stringify(reported)}\n`;
  }
}
