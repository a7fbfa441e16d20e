/**
 * The base record: what log-lambda generated for a project, kept in the project as
 * `.log-lambda/base.json`, so that an upgrade can tell the user's changes from the generator's
 * and merge them three ways. Recorded whether or not the project is its own git repository (it
 * may live in a monorepo, or have no history at all), and exact: the generator's own output, not
 * a way to re-render it (that would need every earlier version's templates and code; the
 * package ships one version). The shipped modules in local/ are not recorded: an upgrade
 * replaces them outright.
 */
import { asText } from '../merge/merge3.js';

export const BASE_RECORD_PATH = '.log-lambda/base.json';

export interface BaseRecord {
  generatorVersion: string;
  files: Map<string, Buffer>;
}

/** The record's text: one JSON document, files in path order (a stable diff in the user's history). */
export function serializeBaseRecord(generatorVersion: string, files: ReadonlyMap<string, Buffer>): string {
  const entries = [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const record = {
    about: `What log-lambda ${generatorVersion} generated for this project. \`yo log-lambda:upgrade\` merges your changes from it into the next version's files, and rewrites it. Do not edit it.`,
    generatorVersion,
    files: Object.fromEntries(entries.map(([file, contents]) => [file, asText(contents) ?? { base64: contents.toString('base64') }])),
  };
  return `${JSON.stringify(record, null, 2)}\n`;
}

/** The record in `text`, or a sentence saying what is wrong with it. */
export function parseBaseRecord(text: string): BaseRecord | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'is not JSON';
  }
  if (!isRecord(parsed)) return 'is not a JSON object';
  const { generatorVersion, files } = parsed;
  if (typeof generatorVersion !== 'string') return 'has no generatorVersion';
  if (!isRecord(files)) return 'has no files';
  const read = new Map<string, Buffer>();
  for (const [file, contents] of Object.entries(files)) {
    if (typeof contents === 'string') read.set(file, Buffer.from(contents, 'utf8'));
    else if (isRecord(contents) && typeof contents['base64'] === 'string') read.set(file, Buffer.from(contents['base64'], 'base64'));
    else return `has an entry for ${file} that is neither text nor { "base64": … }`;
  }
  return { generatorVersion, files: read };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
