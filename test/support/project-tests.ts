/**
 * Runs test files of a generated project with this repository's vitest, without installing it:
 * the project borrows our node_modules (the tests that need only vitest and Node, like
 * test/filters.test.ts; the stack tests need aws-cdk-lib and run in test/e2e).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repository = fileURLToPath(new URL('../../', import.meta.url));

export interface TestOutcome {
  /** "describe > it" titles and how each ended. */
  results: Array<{ name: string; status: 'passed' | 'failed' | 'skipped' | 'pending' | 'todo'; failureMessages: string[] }>;
  /** Errors that stopped a whole file (while it was being collected). */
  fileErrors: string[];
  /** What vitest printed, for failure messages. */
  output: string;
}

export function runProjectTests(project: string, files: string[]): TestOutcome {
  const modules = path.join(project, 'node_modules');
  if (!existsSync(modules)) symlinkSync(path.join(repository, 'node_modules'), modules, 'dir');
  const report = path.join(project, 'vitest-report.json');
  // Our own vitest's variables would make the inner one think it runs inside a worker.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_OPTIONS'));
  const child = spawnSync(process.execPath, [path.join(repository, 'node_modules/vitest/vitest.mjs'), 'run', ...files, '--reporter=json', `--outputFile=${report}`], {
    cwd: project,
    env: { ...env, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  const output = `${child.stdout}${child.stderr}`;
  if (!existsSync(report)) throw new Error(`vitest wrote no report in ${project}:\n${output}`);
  const { testResults } = JSON.parse(readFileSync(report, 'utf8')) as {
    testResults: Array<{
      message?: string;
      assertionResults: Array<{ ancestorTitles: string[]; title: string; status: TestOutcome['results'][number]['status']; failureMessages: string[] }>;
    }>;
  };
  const results = testResults.flatMap((file) =>
    file.assertionResults.map(({ ancestorTitles, title, status, failureMessages }) => ({ name: [...ancestorTitles, title].join(' > '), status, failureMessages })),
  );
  const fileErrors = testResults.flatMap((file) => (file.message ? [file.message] : []));
  return { results, fileErrors, output };
}
