/**
 * `@log-lambda/shared/upgrade`: the pure parts of `yo log-lambda:upgrade` (the three-way merges,
 * the base record, the plan). A subpath of its own: it reads lib/subscriptions.ts with the
 * TypeScript compiler, which the `npm create` entry must not load.
 */
export { diff, type Hunk } from '../merge/diff.js';
export {
  asText,
  CONFLICT_BASE,
  CONFLICT_END,
  CONFLICT_SEPARATOR,
  CONFLICT_START,
  hasConflictMarkers,
  mergeFile,
  mergeText,
  sameText,
  usesCrlf,
  withLineEndingsOf,
  type FileMerge,
  type MergeLabels,
  type TextMerge,
} from '../merge/merge3.js';
export { deepEqual, formatJsonLike, mergeJson, parseJson, type Json, type JsonClash, type JsonMerge, type JsonResolver } from '../merge/merge-json.js';
export { BASE_RECORD_PATH, parseBaseRecord, serializeBaseRecord, type BaseRecord } from './base-record.js';
export { changedDependencies, forgetInNpmLock } from './npm-lock.js';
export { packageJsonResolver } from './package-json.js';
export {
  changesFiles,
  conflictedFiles,
  conflictLabels,
  planUpgrade,
  type FileChange,
  type FileSet,
  type ProjectFiles,
  type UpgradeAction,
  type UpgradePlan,
  type UpgradeSources,
  type UpgradeVersions,
} from './plan.js';
export { ConflictError, countChanges, describeChanges } from './report.js';
export { retiredFiles } from './retired.js';
