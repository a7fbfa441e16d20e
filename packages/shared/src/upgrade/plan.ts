/**
 * What an upgrade does to each file of a project, decided from three sets of files:
 * - base: what the version that made the project generated (its base record, or a git commit);
 * - ours: the project's files as they are now;
 * - theirs: what the running version generates for the project's settings and subscriptions.
 *
 * Pure: the generator reads the files, this decides, the generator writes. The rules:
 * - a file the user did not change becomes the new version's, byte for byte;
 * - a file both changed is merged (JSON key by key, other text line by line); true conflicts get
 *   standard markers and are listed;
 * - a file the new version no longer generates is removed when the user never changed it, kept
 *   and listed otherwise; a file it newly generates is added;
 * - the modules shipped into local/ ("Do not edit") are replaced outright;
 * - derived data is never merged as text: lib/subscriptions.ts keeps the user's array (it is the
 *   truth), README.md gets the managed region rendered from it.
 */
import { formatJsonLike, mergeJson, parseJson, deepEqual, type Json, type JsonResolver } from '../merge/merge-json.js';
import { asText, mergeFile, mergeText, sameText, withLineEndingsOf, type MergeLabels } from '../merge/merge3.js';
import { replaceManagedRegion } from '../project-file.js';
import { isShippedModule } from '../shipped-modules.js';
import { withSubscriptionsArrayOf } from '../subscriptions-source.js';
import { packageJsonResolver } from './package-json.js';

/** A project's files by `/`-separated path relative to its root. */
export type FileSet = ReadonlyMap<string, Buffer>;

/** `null`: something that is not a regular file (a link, a folder) stands at that path. */
export type ProjectFiles = ReadonlyMap<string, Buffer | null>;

export interface UpgradeSources {
  base: FileSet;
  /** The project's files at every path of `base` and `theirs`, and its shipped modules; a missing path is absent. */
  ours: ProjectFiles;
  theirs: FileSet;
}

export interface UpgradeVersions {
  /** The version that made the project (the base's). */
  from: string;
  /** The running version. */
  to: string;
}

export type UpgradeAction = 'added' | 'updated' | 'merged' | 'conflicted' | 'replaced' | 'removed' | 'kept';

export interface FileChange {
  path: string;
  action: UpgradeAction;
  /** What the file becomes (not for removed or kept files). */
  contents?: Buffer;
  /** Conflict blocks written into the file. */
  conflicts?: number;
  /** Why a file is kept, or conflicted without markers. */
  why?: string;
  /** Values decided for the user (package.json), in words. */
  notes?: string[];
}

export interface UpgradePlan {
  /** Every file that changes or needs the user's attention, in path order. */
  changes: FileChange[];
  /** Files the upgrade leaves exactly as they are. */
  unchanged: number;
}

/** The labels of the conflict markers: the user's version, the base's, the new one's. */
export function conflictLabels({ from, to }: UpgradeVersions): MergeLabels {
  return { ours: 'your version', base: `log-lambda ${from}`, theirs: `log-lambda ${to}` };
}

export function planUpgrade({ base, ours, theirs }: UpgradeSources, versions: UpgradeVersions): UpgradePlan {
  const labels = conflictLabels(versions);
  const shippedNow = [...ours].filter(([, contents]) => contents && isShippedModule(contents)).map(([file]) => file);
  const paths = [...new Set([...base.keys(), ...theirs.keys(), ...shippedNow])].sort();
  const changes: FileChange[] = [];
  let unchanged = 0;
  for (const file of paths) {
    const change = planFile(file, base.get(file), ours.get(file), theirs.get(file), labels, versions);
    if (change) changes.push(change);
    else unchanged++;
  }
  return { changes, unchanged };
}

/** Whether the plan writes or removes anything. */
export function changesFiles(plan: UpgradePlan): boolean {
  return plan.changes.some((change) => change.action !== 'kept');
}

/** The files left with conflicts, for the user to resolve. */
export function conflictedFiles(plan: UpgradePlan): string[] {
  return plan.changes.filter((change) => change.action === 'conflicted').map((change) => change.path);
}

function planFile(
  file: string,
  base: Buffer | undefined,
  ours: Buffer | null | undefined,
  theirs: Buffer | undefined,
  labels: MergeLabels,
  { to }: UpgradeVersions,
): FileChange | undefined {
  if (ours === null) {
    return theirs === undefined ? undefined : { path: file, action: 'kept', why: 'not a regular file (a link or a folder): left alone' };
  }
  // Shipped modules: the new version's, whatever the project holds.
  if ((theirs && isShippedModule(theirs)) || (ours && isShippedModule(ours) && !theirs)) {
    if (!theirs) return { path: file, action: 'removed' };
    if (!ours) return { path: file, action: 'added', contents: theirs };
    return ours.equals(theirs) ? undefined : { path: file, action: 'replaced', contents: theirs };
  }
  if (theirs === undefined) {
    if (base === undefined || ours === undefined) return undefined;
    if (sameBytesOrText(ours, base)) return { path: file, action: 'removed' };
    return { path: file, action: 'kept', why: `log-lambda ${to} no longer generates it, and you changed it` };
  }
  if (ours === undefined) {
    if (base === undefined) return { path: file, action: 'added', contents: theirs };
    if (sameBytesOrText(theirs, base)) return undefined; // deleted by the user, unchanged by us: stays deleted
    return {
      path: file,
      action: 'conflicted',
      contents: theirs,
      conflicts: 1,
      why: `you deleted it and log-lambda ${to} changed it: the new version is back; delete it again if you do not want it`,
    };
  }
  const merged = mergeProjectFile(file, base, ours, theirs, labels, to);
  const notes = merged.notes.length > 0 ? { notes: merged.notes } : {};
  // A binary conflict keeps the user's bytes, and is still a conflict to look at.
  if (merged.conflicts === 0 && merged.contents.equals(ours)) return undefined;
  if (merged.conflicts > 0) {
    const why = merged.binary
      ? { why: `a binary file both you and log-lambda ${to} changed: yours is kept as it is` }
      : base === undefined
        ? { why: `log-lambda ${to} adds a file of that name, and you have one` }
        : {};
    return { path: file, action: 'conflicted', contents: merged.contents, conflicts: merged.conflicts, ...why, ...notes };
  }
  return { path: file, action: merged.untouched ? 'updated' : 'merged', contents: merged.contents, ...notes };
}

interface ProjectFileMerge {
  contents: Buffer;
  conflicts: number;
  binary?: boolean;
  /** The user had not changed the file (but for data the new version derives again). */
  untouched: boolean;
  notes: string[];
}

interface Texts {
  base: string;
  ours: string;
  theirs: string;
}

interface FileRule {
  /** The three texts with what is derived from the project's data made alike, before comparing them. */
  align?(texts: Texts): Texts;
  /** Merged as JSON, key by key, when all three parse; `resolve` decides values both sides changed. */
  json?: { resolve?: JsonResolver };
}

function ruleFor(file: string, to: string): FileRule {
  if (file === 'package.json') return { json: { resolve: packageJsonResolver(to) } };
  if (file.endsWith('.json')) return { json: {} };
  // The user's list is the truth: it goes into base and theirs, so only the code around it merges.
  if (file === 'lib/subscriptions.ts') {
    return { align: ({ base, ours, theirs }) => ({ base: withSubscriptionsArrayOf(base, ours) ?? base, ours, theirs: withSubscriptionsArrayOf(theirs, ours) ?? theirs }) };
  }
  // The managed region (diagram and table) is rendered again from the subscriptions.
  if (file === 'README.md') {
    return { align: ({ base, ours, theirs }) => ({ base: replaceManagedRegion(base, theirs) ?? base, ours: replaceManagedRegion(ours, theirs) ?? ours, theirs }) };
  }
  return {};
}

function mergeProjectFile(file: string, baseBytes: Buffer | undefined, oursBytes: Buffer, theirsBytes: Buffer, labels: MergeLabels, to: string): ProjectFileMerge {
  // Added on both sides: merged against an empty base.
  const base = baseBytes ?? Buffer.alloc(0);
  if (oursBytes.equals(base)) return { contents: theirsBytes, conflicts: 0, untouched: true, notes: [] };
  const [baseText, oursText, theirsText] = [base, oursBytes, theirsBytes].map(asText);
  if (baseText === undefined || oursText === undefined || theirsText === undefined) {
    return { ...mergeFile(base, oursBytes, theirsBytes, labels), untouched: false, notes: [] };
  }
  const result = (text: string, untouched: boolean, conflicts = 0, notes: string[] = []): ProjectFileMerge => ({
    contents: Buffer.from(text, 'utf8'),
    conflicts,
    untouched,
    notes,
  });
  if (baseBytes !== undefined && sameText(oursText, baseText)) return result(withLineEndingsOf(oursText, theirsText), true);

  const rule = ruleFor(file, to);
  const texts = rule.align ? rule.align({ base: baseText, ours: oursText, theirs: theirsText }) : { base: baseText, ours: oursText, theirs: theirsText };
  if (baseBytes !== undefined && sameText(texts.ours, texts.base)) return result(withLineEndingsOf(oursText, texts.theirs), true);
  if (sameText(texts.theirs, texts.base)) return result(texts.ours, false);

  if (rule.json) {
    const parsed = [baseBytes === undefined ? undefined : parseJson(texts.base), parseJson(texts.ours), parseJson(texts.theirs)];
    const [baseJson, oursJson, theirsJson] = parsed;
    if ((baseBytes === undefined || baseJson !== undefined) && oursJson !== undefined && theirsJson !== undefined) {
      const merged = mergeJson(baseJson, oursJson, theirsJson, rule.json.resolve);
      if (merged.conflicts.length === 0 && merged.value !== undefined) {
        return result(jsonText(merged.value, texts, oursJson, theirsJson), false, 0, merged.notes);
      }
    }
  }
  const merged = mergeText(texts.base, texts.ours, texts.theirs, labels);
  return result(merged.text, false, merged.conflicts);
}

/** The merged JSON as text: either side's own bytes when it is that side, else formatted like the user's. */
function jsonText(value: Json, texts: Texts, ours: Json, theirs: Json): string {
  if (deepEqual(value, ours)) return texts.ours;
  if (deepEqual(value, theirs)) return withLineEndingsOf(texts.ours, texts.theirs);
  return formatJsonLike(value, texts.ours);
}

function sameBytesOrText(a: Buffer, b: Buffer): boolean {
  if (a.equals(b)) return true;
  const [x, y] = [asText(a), asText(b)];
  return x !== undefined && y !== undefined && sameText(x, y);
}
