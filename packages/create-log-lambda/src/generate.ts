/**
 * Runs the `app` generator, the one `yo log-lambda` runs (or, for --upgrade, the `upgrade` one),
 * through yeoman-environment. Both generators are bundled into this package's one file with
 * Yeoman and the templates (see build.mjs), and evaluated only when a project is generated or
 * upgraded, so --help and --version answer without them.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const namespace = 'log-lambda:app';

export type SubGenerator = 'app' | 'upgrade';

/**
 * generator-log-lambda's name and version, set by the build. Yeoman reads them from the
 * generator's package.json, which is not on disk here: the name keys the project's `.yo-rc.json`,
 * which `yo log-lambda:filter` and `upgrade` read.
 */
declare const GENERATOR_PACKAGE: { name: string; version: string };

/**
 * `yo log-lambda <flags> [directory]` (or `yo log-lambda:upgrade <flags> [directory]`) in `cwd`:
 * the project's folder, or the one being upgraded.
 */
export async function generate(flags: readonly string[], cwd: string, sub: SubGenerator = 'app', directory?: string): Promise<void> {
  const { generators, createEnv, loadEmbeddedFile, QueuedAdapter, Store, useProjectTypeScript } = await import('./yeoman.js');
  if (sub === 'upgrade') useProjectTypeScript(path.resolve(cwd, directory ?? '.'));
  const adapter = new QueuedAdapter();
  // Yeoman logs "✖ An error occured while running <task>" before it rethrows; main() reports the
  // error itself, in one line.
  const logError = adapter.log.error;
  adapter.log.error = (...args) => (/^An error occured while running /.test(String(args[0])) ? adapter.log : logError.apply(adapter.log, args));
  const env = createEnv({ cwd, adapter, sharedFs: new Store({ loadFile: loadEmbeddedFile }) });
  const name = `log-lambda:${sub}`;
  const meta = env.register(generators[sub], { namespace: name, resolved: fileURLToPath(import.meta.url) });
  meta.getPackageJson = <T>() => GENERATOR_PACKAGE as T;
  // The directory goes after `--`, so a name that starts with - stays a name.
  await env.run([name, ...flags, ...(directory === undefined ? [] : ['--', directory])]);
}
