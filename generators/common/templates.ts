import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Feature } from '@log-lambda/shared';

/**
 * The folder of a feature's templates (templates/core, templates/prefix…). Sources live in
 * generators/common/ beside templates/, the build puts dist/generators/common/ beside
 * dist/templates/: the same relative path.
 */
export function templatesRoot(feature: Feature): string {
  return fileURLToPath(new URL(`../../templates/${feature}`, import.meta.url));
}

/**
 * Modules of @log-lambda/shared that generated projects carry in local/log-lambda/ (CloudWatch
 * Logs' delivery format and Lambda's JSON console, for `npm run invoke` and the tests), beside
 * @log-lambda/filter-pattern's sources made into one file: generated from the one source, never
 * copied by hand. The build puts both packages' src/ at the same relative paths in dist/.
 */
export const shippedSharedModules = ['delivery.ts', 'lambda-console.ts'] as const;

export function sharedSourcesRoot(): string {
  return fileURLToPath(new URL('../../packages/shared/src', import.meta.url));
}

export function filterPatternSourcesRoot(): string {
  return fileURLToPath(new URL('../../packages/filter-pattern/src', import.meta.url));
}

/** Every file under `root`, as `/`-separated paths relative to it. */
export function listFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) =>
      `${entry.parentPath}/${entry.name}`
        .slice(root.length + 1)
        .split('\\')
        .join('/'),
    )
    .sort();
}

/** A template or shared source file under one of the roots above, as text. */
export function readTemplateFile(file: string): string {
  return readFileSync(file, 'utf8');
}
