/**
 * The two files log-lambda keeps about a project in the project itself: its entry in
 * `.yo-rc.json` (the settings, and the mark that yo and the doors find a project by) and
 * `.log-lambda/base.json` (what log-lambda generated, which an upgrade merges the user's changes from).
 */
import { readContained } from '../contained.js';
import type { ProjectModel } from '../model.js';
import { projectSettings } from '../model.js';
import { YO_RC_KEY } from '../project-file.js';
import { isShippedModule } from '../shipped-modules.js';
import { BASE_RECORD_PATH, serializeBaseRecord } from '../upgrade/base-record.js';

export const YO_RC = '.yo-rc.json';

/**
 * `.yo-rc.json` with the project's settings under our key, merged into the one in `root` (another
 * generator's entries stay), formatted as Yeoman formats it. `stale`: the keys of ours to drop (an
 * upgrade drops 0.2.0's stack settings too, once they are rendered into cdk.json's context).
 */
export function yoRcWith(root: string, model: ProjectModel, stale: readonly string[] = ['subscriptions']): Buffer {
  let existing: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(readContained(root, YO_RC)?.toString('utf8') ?? '{}');
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) existing = parsed as Record<string, unknown>;
  } catch {
    // not JSON: replaced, like Yeoman does
  }
  // A list of subscriptions stored there by 0.1.0 would be a second, stale copy of lib/subscriptions.ts.
  const entry = (typeof existing[YO_RC_KEY] === 'object' && existing[YO_RC_KEY] !== null ? existing[YO_RC_KEY] : {}) as Record<string, unknown>;
  const ours = Object.fromEntries(Object.entries(entry).filter(([key]) => !stale.includes(key)));
  const merged = { ...existing, [YO_RC_KEY]: { ...ours, ...projectSettings(model) } };
  return Buffer.from(`${JSON.stringify(merged, null, 2)}\n`, 'utf8');
}

/** `.log-lambda/base.json` for these files: all but the shipped modules, which an upgrade replaces anyway. */
export function baseRecordOf(generatorVersion: string, files: ReadonlyMap<string, Buffer>): Buffer {
  return Buffer.from(serializeBaseRecord(generatorVersion, new Map([...files].filter(([, contents]) => !isShippedModule(contents)))), 'utf8');
}

export { BASE_RECORD_PATH };
