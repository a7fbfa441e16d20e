// Builds what generator-log-lambda publishes: each sub-generator bundled into
// dist/generators/<sub>/index.js (a folder yo looks up), with @log-lambda/shared (and the
// @log-lambda/filter-pattern it imports) inlined so the package depends on nothing unpublished, and
// the templates and the sources shipped into projects beside them in dist/.
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { shippedFolders } from './shipped-files.mjs';

const root = new URL('..', import.meta.url).pathname;
const subGenerators = readdirSync(`${root}generators`).filter((sub) => existsSync(`${root}generators/${sub}/index.ts`));

rmSync(`${root}dist`, { recursive: true, force: true });
await build({
  entryPoints: subGenerators.map((sub) => ({ in: `${root}generators/${sub}/index.ts`, out: `generators/${sub}/index` })),
  outdir: `${root}dist`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Our dependencies stay dependencies: Yeoman's, and TypeScript's parser for editing lib/subscriptions.ts.
  external: Object.keys(JSON.parse(readFileSync(`${root}package.json`, 'utf8')).dependencies),
  logLevel: 'warning',
});
for (const folder of shippedFolders) cpSync(`${root}${folder}`, `${root}dist/${folder}`, { recursive: true });
console.log(`built dist/generators/{${subGenerators.join(',')}} and dist/templates`);
