/**
 * `npm test`: every *.test.ts under test/ (yours, and log-lambda's in test/log-lambda/), or the
 * files named (`npm test -- test/process.test.ts`), with Node.js's test runner, in this one
 * process: its --test mode would start one process per file, each loading TypeScript support and
 * aws-cdk-lib anew. In one process a hook at the top of a file would apply to every file's tests,
 * so the files keep their hooks in describe blocks.
 *
 * package.json sends the report to standard error: the handler writes its log lines to standard
 * output, which the tests capture.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The AWS SDK clients are mocked in the tests; its notice about Node.js 20 still shows in npm run redrive.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

const folder = fileURLToPath(new URL('..', import.meta.url));
const named = process.argv.slice(2);
const found = readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.test.ts') && !file.split(path.sep).includes('node_modules'));
const files = named.length > 0 ? named : found.sort().map((file) => path.join(folder, file));

/** Why `file` cannot be run, or undefined when it is a file. */
function notATestFile(file: string): string | undefined {
  const stats = statSync(file, { throwIfNoEntry: false });
  if (stats === undefined) return 'no such test file';
  return stats.isFile() ? undefined : 'not a file';
}

// A name that is not a file is a line of its own, and nothing runs: a typo must not pass as green.
const refused = files.flatMap((file) => {
  const problem = notATestFile(file);
  return problem === undefined ? [] : [`${file}: ${problem}`];
});
if (refused.length > 0) {
  process.stderr.write(`${refused.join('\n')}\n`);
  process.exitCode = 1;
} else {
  for (const file of files) {
    try {
      await import(pathToFileURL(path.resolve(file)).href);
    } catch (error) {
      // A file that cannot load fails as a suite of its own; the other files still run.
      describe(path.relative(process.cwd(), path.resolve(file)), () => {
        throw error;
      });
    }
  }
}
