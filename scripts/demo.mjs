// `pnpm demo [folder] [flags]`: scaffolds the seed example, a project subscribed to
// /aws/lambda/versions, the way most users do: with the built create-log-lambda, which installs
// it and prints what to run next. Extra flags go to create-log-lambda (see its --help).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../packages/create-log-lambda/dist/index.js', import.meta.url));
const [folder = 'demo', ...flags] = process.argv.slice(2);
// pnpm, which runs this script, is not the user's choice for the demo project: install it as a
// plain shell would (npm), unless --package-manager says otherwise.
const { npm_config_user_agent: _pnpm, ...env } = process.env;
const { status } = spawnSync(process.execPath, [bin, folder, '--log-group', '/aws/lambda/versions', '--yes', ...flags], { stdio: 'inherit', env });
process.exit(status ?? 1);
