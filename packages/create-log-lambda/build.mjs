// Builds what create-log-lambda publishes: one ESM file, dist/index.js (the bin), with
// @log-lambda/shared inlined so the package depends on nothing unpublished. Its dependencies
// (Yeoman, generator-log-lambda) stay dependencies, loaded only when a project is generated.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const root = new URL('.', import.meta.url).pathname;
const { dependencies } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const outfile = `${root}dist/index.js`;
const { outputFiles } = await build({
  entryPoints: [`${root}src/index.ts`],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: Object.keys(dependencies),
  write: false,
  logLevel: 'warning',
});
// Replaced in one step, so that a test running the bin while another build (the tests', or
// `pnpm pack`'s) replaces it never sees half a file.
const temporary = `${outfile}.${process.pid}.tmp`;
mkdirSync(`${root}dist`, { recursive: true });
writeFileSync(temporary, outputFiles[0].contents, { mode: 0o755 });
renameSync(temporary, outfile);
console.log('built packages/create-log-lambda/dist/index.js');
