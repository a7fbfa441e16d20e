// `pnpm bench`: bundles bench/main.ts (with @log-lambda/shared) and runs it. Not part of `pnpm test`.
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
await build({
  entryPoints: [`${root}bench/main.ts`],
  outfile: `${root}bench/dist/main.mjs`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  alias: { '@log-lambda/shared': `${root}packages/shared/src/index.ts` },
  logLevel: 'warning',
});
const { status } = spawnSync(process.execPath, [`${root}bench/dist/main.mjs`], { stdio: 'inherit' });
process.exit(status ?? 1);
