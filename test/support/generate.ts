import { fileURLToPath } from 'node:url';
import { createEnv } from 'yeoman-environment';

const built = (sub: 'app' | 'filter') => fileURLToPath(new URL(`../../dist/generators/${sub}/index.js`, import.meta.url));

/** Runs the built `app` generator (what ships) in `cwd`, as `yo log-lambda <args>` would. */
export async function generateWithBuiltApp(cwd: string, args: string[]): Promise<void> {
  const env = createEnv({ cwd });
  env.register(built('app'), { namespace: 'log-lambda:app' });
  await env.run(['log-lambda:app', ...args]);
}

/** Runs the built `filter` generator in a project's root, as `yo log-lambda:filter <args>` would. */
export async function generateWithBuiltFilter(project: string, args: string[]): Promise<void> {
  const env = createEnv({ cwd: project });
  env.register(built('filter'), { namespace: 'log-lambda:filter' });
  await env.run(['log-lambda:filter', ...args]);
}
