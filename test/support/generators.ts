import { fileURLToPath } from 'node:url';
import helpers from 'yeoman-test';
import AppGenerator, { type AppOptions } from '../../generators/app/index.js';
import FilterGenerator, { type FilterOptions } from '../../generators/filter/index.js';
import UpgradeGenerator, { type UpgradeOptions } from '../../generators/upgrade/index.js';

const sourceOf = (sub: string) => fileURLToPath(new URL(`../../generators/${sub}/index.ts`, import.meta.url));

/**
 * `yo log-lambda` from source in a temporary folder: no install, no git, no prompts, and without
 * the `force: true` yeoman-test would pass.
 */
export function runApp(options: Partial<AppOptions> & Record<string, unknown>, args: string[] = ['my-app']) {
  return helpers
    .run(AppGenerator, { resolved: sourceOf('app'), namespace: 'log-lambda:app' })
    .withArguments(args)
    .withOptions({ 'skip-install': true, git: false, yes: true, force: false, ...options });
}

/** `yo log-lambda:filter` from source, in `cwd`. */
export function runFilter(cwd: string, options: Partial<FilterOptions> & Record<string, unknown>) {
  return (
    helpers
      // force: false, as yo runs it: Yeoman would ask before overwriting a file it does not know is ours.
      .run(FilterGenerator, { resolved: sourceOf('filter'), namespace: 'log-lambda:filter', cwd, tmpdir: false, autoCleanup: false }, { force: false })
      .withOptions({ yes: true, force: false, ...options })
  );
}

/**
 * `yo log-lambda:upgrade` from source, in `cwd`, without a terminal (unless `interactive`) and
 * without installing (unless `skip-install: false`). `logged` collects what it prints, line by line.
 */
export function runUpgrade(cwd: string, options: Partial<UpgradeOptions> & Record<string, unknown> = {}, args: string[] = [], logged: string[] = []) {
  return helpers
    .run(UpgradeGenerator, { resolved: sourceOf('upgrade'), namespace: 'log-lambda:upgrade', cwd, tmpdir: false, autoCleanup: false }, { force: false })
    .withArguments(args)
    .withOptions({ 'skip-install': true, interactive: false, force: false, ...options })
    .onGenerator((generator) => {
      (generator as unknown as { log: (text: string) => void }).log = (text: string) => void logged.push(...text.split('\n'));
    });
}

/**
 * A yo run that must fail as yo users see it: the generator prints its one line on stderr, sets
 * exit code 1 and stops (no "An error occured while running" around it). Resolves to that last
 * line; fails the test if the run succeeded or threw instead.
 */
export async function yoFailure(run: PromiseLike<unknown>): Promise<string> {
  const printed: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    printed.push(String(chunk));
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write;
  let code: typeof process.exitCode;
  try {
    await run;
  } finally {
    process.stderr.write = write;
    code = process.exitCode;
    process.exitCode = undefined;
  }
  if (code !== 1) throw new Error(`expected the run to fail with exit code 1, it ended with ${String(code)}; it printed: ${printed.join('')}`);
  return printed.join('').trimEnd().split('\n').at(-1) ?? '';
}
