// Builds what create-log-lambda publishes: one ESM file, dist/index.js (the bin), with
// @log-lambda/shared inlined so the package depends on nothing unpublished. yeoman-environment
// and generator-log-lambda stay dependencies, loaded only when a project is generated.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const root = new URL('.', import.meta.url).pathname;
rmSync(`${root}dist`, { recursive: true, force: true });
await build({
  entryPoints: [`${root}src/index.ts`],
  outfile: `${root}dist/index.js`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['yeoman-environment', 'generator-log-lambda'],
  logLevel: 'warning',
});
console.log('built packages/create-log-lambda/dist/index.js');
