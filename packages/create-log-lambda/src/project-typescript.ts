/**
 * In create-log-lambda's one-file bundle, this module takes the place of the `typescript` package
 * (build.mjs swaps it in). TypeScript is 4 MB even minified, four times the rest of the bundle, and
 * only `--add-filter` and `--upgrade` need it: to read lib/subscriptions.ts as code (see
 * packages/shared/src/subscriptions-source.ts). The project has its own TypeScript, pinned in its
 * devDependencies, the compiler it builds with, so they read the file with that one, loaded from
 * the project's node_modules when first used. The yo door carries its own TypeScript and needs no
 * install.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { InputError } from '@log-lambda/shared';
import type TypeScript from 'typescript';

let projectRoot: string | undefined;
let loaded: typeof TypeScript | undefined;

/** The project whose TypeScript reads its files: the folder being upgraded or given a filter; `command` names the flag. */
let commandFlag = '--upgrade';
export function useProjectTypeScript(root: string, command: '--upgrade' | '--add-filter' = '--upgrade'): void {
  commandFlag = command;
  projectRoot = root;
  loaded = undefined;
}

function load(): typeof TypeScript {
  if (loaded) return loaded;
  const root = projectRoot ?? process.cwd();
  let found: Partial<typeof TypeScript>;
  try {
    found = createRequire(path.join(root, 'package.json'))('typescript') as Partial<typeof TypeScript>;
  } catch {
    throw new InputError(
      'typescript',
      `create-log-lambda ${commandFlag} reads lib/subscriptions.ts with the project's own TypeScript, and ${root} has none installed; nothing was changed`,
      `install the project's dependencies first (npm install), or run yo log-lambda:${commandFlag === '--upgrade' ? 'upgrade' : 'filter'}, which brings its own TypeScript`,
    );
  }
  if (typeof found.createSourceFile !== 'function' || typeof found.createScanner !== 'function' || typeof found.forEachChild !== 'function') {
    throw new InputError(
      'typescript',
      `the TypeScript installed in ${root} (${String(found.version)}) has no compiler API to read lib/subscriptions.ts with; nothing was changed`,
      `run yo log-lambda:${commandFlag === '--upgrade' ? 'upgrade' : 'filter'}, which brings its own TypeScript`,
    );
  }
  return (loaded = found as typeof TypeScript);
}

/** `typescript`, loaded from the project on first use. */
const typescript = new Proxy({} as typeof TypeScript, { get: (_, key) => Reflect.get(load(), key) });
export default typescript;
