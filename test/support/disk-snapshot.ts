/**
 * The files a run wrote, read back from disk, in the shape the snapshots hold them
 * (`{ "<path from cwd>": { contents, stateCleared: "modified" } }`), so that a door writing
 * straight to disk is compared with the same snapshots as before, byte for byte.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

type Snapshot = Record<string, { contents: string; stateCleared: 'modified' }>;

/** Every file under `root`, keyed by its path from `cwd`, whose path matches `only`; `.git` and node_modules left out. */
export function diskSnapshot(cwd: string, root: string, only: (file: string) => boolean = () => true): Snapshot {
  const snapshot: Snapshot = {};
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const relative = path.relative(cwd, file).split(path.sep).join('/');
    if (/(^|\/)(\.git|node_modules)\//.test(relative) || !only(file)) continue;
    snapshot[relative] = { contents: readFileSync(file, 'utf8'), stateCleared: 'modified' };
  }
  return snapshot;
}

/** What the files under `root` are now, for diskChanges. */
export function diskState(root: string): Map<string, string> {
  return new Map(Object.entries(diskSnapshot(root, root)).map(([file, { contents }]) => [file, contents]));
}

/** The files under `root` a run changed or added since `before` (diskState), keyed by their path from `cwd`. */
export function diskChanges(cwd: string, root: string, before: Map<string, string>): Snapshot {
  return diskSnapshot(cwd, root, (file) => before.get(path.relative(root, file).split(path.sep).join('/')) !== readFileSync(file, 'utf8'));
}
