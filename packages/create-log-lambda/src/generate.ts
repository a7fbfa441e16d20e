/**
 * Runs the `app` generator of the installed generator-log-lambda, the one `yo log-lambda` runs
 * (or its `upgrade`), through yeoman-environment. Yeoman is imported only when a project is
 * generated, so --help and --version start without loading it.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

export const namespace = 'log-lambda:app';

export type SubGenerator = 'app' | 'upgrade';

/** The generator `yo log-lambda` runs: the built `app` (or `upgrade`) of the generator-log-lambda beside this package. */
export function appGeneratorPath(sub: SubGenerator = 'app'): string {
  const packageJson = createRequire(import.meta.url).resolve('generator-log-lambda/package.json');
  return path.join(path.dirname(packageJson), `dist/generators/${sub}/index.js`);
}

/** `yo log-lambda <args>` (or `yo log-lambda:upgrade <args>`) in `cwd`. */
export async function generate(args: readonly string[], cwd: string, sub: SubGenerator = 'app'): Promise<void> {
  const [{ createEnv }, { QueuedAdapter }] = await Promise.all([import('yeoman-environment'), import('@yeoman/adapter')]);
  const adapter = new QueuedAdapter();
  // Yeoman logs "✖ An error occured while running <task>" before it rethrows; main() reports the
  // error itself, in one line.
  const logError = adapter.log.error;
  adapter.log.error = (...args) => (/^An error occured while running /.test(String(args[0])) ? adapter.log : logError.apply(adapter.log, args));
  const env = createEnv({ cwd, adapter });
  const name = `log-lambda:${sub}`;
  env.register(appGeneratorPath(sub), { namespace: name });
  await env.run([name, ...args]);
}
