// `pnpm demo [folder] [flags]`: scaffolds the seed example, a project subscribed to
// /aws/lambda/versions, with the built generator, and installs it.
import path from 'node:path';
import { createEnv } from 'yeoman-environment';

const [folder = 'demo', ...flags] = process.argv.slice(2);
const env = createEnv();
env.register(path.resolve(import.meta.dirname, '../dist/generators/app/index.js'), { namespace: 'log-lambda:app' });
try {
  await env.run(['log-lambda:app', folder, '--log-group', '/aws/lambda/versions', '--yes', ...flags]);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
