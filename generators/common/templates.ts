import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The folder of a sub-generator's templates. Sources live in generators/<sub>/ beside templates/,
 * the build puts dist/generators/<sub>/ beside dist/templates/: the same relative path.
 */
export function templatesRoot(sub: 'app' | 'filter'): string {
  return fileURLToPath(new URL(`../../templates/${sub}`, import.meta.url));
}

/**
 * Modules of @log-lambda/shared that generated projects carry in local/ (the filter-pattern matcher,
 * CloudWatch Logs' delivery format and Lambda's JSON console, for `npm run invoke` and the tests):
 * generated from the one source, never copied by hand. The build puts them at the same relative
 * path in dist/.
 */
export const shippedSharedModules = ['delivery.ts', 'lambda-console.ts', 'filter-pattern'] as const;

export function sharedSourcesRoot(): string {
  return fileURLToPath(new URL('../../packages/shared/src', import.meta.url));
}

/** Every file under `root`, as `/`-separated paths relative to it. */
export function listFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `${entry.parentPath}/${entry.name}`.slice(root.length + 1).split('\\').join('/'))
    .sort();
}

/** A template or shared source file under one of the roots above, as text. */
export function readTemplateFile(file: string): string {
  return readFileSync(file, 'utf8');
}
