// `pnpm bench`: bundles bench/main.ts (with @log-lambda/shared and @log-lambda/filter-pattern) and runs it, after writing an
// unminified build of create-log-lambda for its profile (bench/profile.ts). Not part of `pnpm test`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { bundle } from '../packages/create-log-lambda/build.mjs';

const root = new URL('..', import.meta.url).pathname;
await build({
  entryPoints: [`${root}bench/main.ts`],
  outfile: `${root}bench/dist/main.mjs`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  // The workspace packages from their sources (their exports point at .ts, which Node 20 cannot
  // load); an alias that nothing imports is unused.
  alias: {
    '@log-lambda/shared': `${root}packages/shared/src/index.ts`,
    '@log-lambda/filter-pattern': `${root}packages/filter-pattern/src/index.ts`,
  },
  logLevel: 'warning',
});
mkdirSync(`${root}bench/dist`, { recursive: true });
writeFileSync(`${root}bench/dist/create-log-lambda.unminified.mjs`, (await bundle({ minify: false })).code);
const { status } = spawnSync(process.execPath, [`${root}bench/dist/main.mjs`], { stdio: 'inherit' });
process.exit(status ?? 1);
