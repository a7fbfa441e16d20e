/**
 * In create-log-lambda's one-file bundle, this module takes the place of the generators'
 * `common/templates.ts` (build.mjs swaps it in): the same functions, over the template and shared
 * files the build embedded instead of folders on disk. Their paths lie under `embeddedRoot`, a
 * folder that exists nowhere. A function the renderer imports from templates.ts that is missing
 * here fails the build.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import files from 'log-lambda:embedded-files';
import type { Feature } from '@log-lambda/shared';

export { shippedSharedModules } from '../../../generators/common/templates.js';

const embeddedRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), 'embedded');
const embedded = new Map(Object.entries(files).map(([file, contents]) => [path.join(embeddedRoot, file), contents]));

export function templatesRoot(feature: Feature): string {
  return path.join(embeddedRoot, 'templates', feature);
}

export function sharedSourcesRoot(): string {
  return path.join(embeddedRoot, 'packages/shared/src');
}

export function filterPatternSourcesRoot(): string {
  return path.join(embeddedRoot, 'packages/filter-pattern/src');
}

/** Every embedded file under `root`, as `/`-separated paths relative to it. */
export function listFiles(root: string): string[] {
  const prefix = `${path.resolve(root)}${path.sep}`;
  return [...embedded.keys()]
    .filter((file) => file.startsWith(prefix))
    .map((file) => file.slice(prefix.length).split(path.sep).join('/'))
    .sort();
}

/** An embedded file, as text. */
export function readTemplateFile(file: string): string {
  const contents = embedded.get(file);
  if (contents === undefined) throw new Error(`${file} is not among the files embedded in create-log-lambda`);
  return contents;
}
