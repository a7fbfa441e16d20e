/**
 * What a run adds at and under its target folder, so that a run that fails half-way can take
 * back exactly that: the files and folders that did not exist before it, never anything the
 * user had.
 */
import { lstatSync, readdirSync, rmSync, type Dirent } from 'node:fs';
import path from 'node:path';

/** Folders that, when they existed before, are left whole: git and the package manager own them. */
const keptWhole = new Set(['.git', 'node_modules']);

/**
 * Notes what exists now; the function returned removes whatever was added since (the highest
 * new folder when the target did not exist) and returns the paths it removed.
 */
export function trackNewPaths(target: string): () => string[] {
  const highestNew = highestMissing(path.resolve(target));
  if (highestNew !== undefined) {
    return () => {
      if (!exists(highestNew)) return [];
      rmSync(highestNew, { recursive: true, force: true, maxRetries: 3 });
      return [highestNew];
    };
  }
  const before = listTree(target, new Set());
  return () => removeAdded(target, before, []);
}

/** The outermost of `target` and its parents that does not exist yet. */
function highestMissing(target: string): string | undefined {
  let missing: string | undefined;
  for (let folder = target; !exists(folder) && path.dirname(folder) !== folder; folder = path.dirname(folder)) {
    missing = folder;
  }
  return missing;
}

function exists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

function entries(folder: string): Dirent[] {
  try {
    return readdirSync(folder, { withFileTypes: true });
  } catch {
    return []; // a file, or gone
  }
}

function listTree(folder: string, into: Set<string>): Set<string> {
  for (const entry of entries(folder)) {
    const file = path.join(folder, entry.name);
    into.add(file);
    if (entry.isDirectory() && !keptWhole.has(entry.name)) listTree(file, into);
  }
  return into;
}

function removeAdded(folder: string, before: ReadonlySet<string>, removed: string[]): string[] {
  for (const entry of entries(folder)) {
    const file = path.join(folder, entry.name);
    if (!before.has(file)) {
      rmSync(file, { recursive: true, force: true, maxRetries: 3 });
      removed.push(file);
    } else if (entry.isDirectory() && !keptWhole.has(entry.name)) {
      removeAdded(file, before, removed);
    }
  }
  return removed;
}
