/**
 * Runs test files of a generated project as its `npm test` does (Node.js's test runner, through
 * the project's test/log-lambda/run.ts), without installing it: the project borrows the pins
 * packages/project-types installs, exactly a generated project's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReportedTest } from './node-test-reporter.js';

const repository = fileURLToPath(new URL('../../', import.meta.url));
const reporter = fileURLToPath(new URL('./node-test-reporter.ts', import.meta.url));

export interface TestOutcome {
  /** "describe > it" titles and how each ended. */
  results: Array<{ name: string; status: 'passed' | 'failed' | 'skipped' | 'todo'; failureMessages: string[] }>;
  /** Errors outside any test: a file that failed to load, a describe block that threw while collecting its tests. */
  fileErrors: string[];
  /** What the run printed (its report included), for failure messages. */
  output: string;
}

export function runProjectTests(project: string, files: string[]): TestOutcome {
  const modules = path.join(project, 'node_modules');
  if (!existsSync(modules)) symlinkSync(path.join(repository, 'packages/project-types/node_modules'), modules, 'dir');
  const report = path.join(project, 'node-test-report.jsonl');
  // The project's own test script (`node <options> test/run.ts`), with our reporter beside its own.
  const script = (JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8')) as { scripts: { test: string } }).scripts.test;
  const [node, ...args] = script.split(' ');
  if (node !== 'node') throw new Error(`the test script does not start with node: ${script}`);
  const child = spawnSync(process.execPath, [`--test-reporter=${reporter}`, `--test-reporter-destination=${report}`, ...args, ...files], {
    cwd: project,
    env: { ...process.env, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  const output = `${child.stdout}${child.stderr}`;
  if (!existsSync(report)) throw new Error(`the tests wrote no report in ${project}:\n${output}`);
  const reported = readFileSync(report, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ReportedTest);
  const results = reported
    .filter((test) => !test.suite)
    .map(({ path: names, status, error }) => ({ name: names.join(' > '), status, failureMessages: error === undefined ? [] : [error] }));
  const fileErrors = reported.filter((test) => test.suite && test.status === 'failed' && test.failureType !== 'subtestsFailed').map((test) => test.error ?? '');
  return { results, fileErrors, output };
}
