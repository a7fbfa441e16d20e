// Builds what generator-log-lambda publishes: each sub-generator bundled into
// dist/generators/<sub>/index.js (a folder yo looks up), with @log-lambda/shared inlined so the
// package depends on nothing unpublished, and the templates beside them in dist/templates.
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

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
cpSync(`${root}templates`, `${root}dist/templates`, { recursive: true });
// Some shared modules are shipped into generated projects (see generators/common/templates.ts).
cpSync(`${root}packages/shared/src`, `${root}dist/packages/shared/src`, { recursive: true });
console.log(`built dist/generators/{${subGenerators.join(',')}} and dist/templates`);
