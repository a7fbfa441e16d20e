import { fileURLToPath } from 'node:url';
import { createEnv } from 'yeoman-environment';

const builtApp = fileURLToPath(new URL('../../dist/generators/app/index.js', import.meta.url));

/** Runs the built `app` generator (what ships) in `cwd`, as `yo log-lambda <args>` would. */
export async function generateWithBuiltApp(cwd: string, args: string[]): Promise<void> {
  const env = createEnv({ cwd });
  env.register(builtApp, { namespace: 'log-lambda:app' });
  await env.run(['log-lambda:app', ...args]);
}
