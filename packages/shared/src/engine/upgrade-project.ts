/** Reading the project an upgrade works on: its files, and the package manager it is installed with. */
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { readContained, refuseLinks } from '../contained.js';
import { asText, hasConflictMarkers } from '../merge/merge3.js';
import { detectPackageManager, packageManagerOfLockFile, type PackageManager } from '../package-manager.js';
import { isShippedModule } from '../shipped-modules.js';
import type { FileSet, ProjectFiles } from '../upgrade/plan.js';

/** The folder of the shipped modules: files there with their header are replaced or removed. */
const LOCAL = 'local';

/**
 * The project's files at `paths` (null: not a regular file), and the shipped modules in local/
 * (recognised by their header). A symbolic link on the way to any of them stops the upgrade
 * before anything is written (the one write rule).
 */
export function readProjectFiles(root: string, paths: readonly string[]): Map<string, Buffer | null> {
  refuseLinks(root, [...paths, LOCAL]);
  const files = new Map<string, Buffer | null>();
  for (const file of paths) {
    let stat;
    try {
      stat = lstatSync(path.join(root, file));
    } catch {
      continue; // missing
    }
    files.set(file, stat.isFile() ? (readContained(root, file) ?? null) : null);
  }
  for (const file of listFilesUnder(path.join(root, LOCAL))) {
    const relative = `${LOCAL}/${file}`;
    if (files.has(relative)) continue;
    const contents = readContained(root, relative);
    if (contents && isShippedModule(contents)) files.set(relative, contents);
  }
  return files;
}

/** The user's files an upgrade would merge into that still hold conflict markers (merging would nest them). */
export function filesWithConflictMarkers(ours: ProjectFiles, base: FileSet, theirs: FileSet): string[] {
  return [...ours]
    .filter(([file, contents]) => contents && (base.has(file) || theirs.has(file)) && !isShippedModule(contents))
    .filter(([, contents]) => hasConflictMarkers(asText(contents!) ?? ''))
    .map(([file]) => file);
}

/** The one whose lock file the project (or a workspace above it, up to its git root) has, else the one running this. */
export function projectPackageManager(target: string): PackageManager {
  for (let dir = target; ; dir = path.dirname(dir)) {
    const names = safeReaddir(dir);
    const found = packageManagerOfLockFile(names);
    if (found) return found;
    if (path.dirname(dir) === dir || names.includes('.git')) break;
  }
  return detectPackageManager(process.env['npm_config_user_agent']);
}

function listFilesUnder(root: string): string[] {
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
  } catch {
    return [];
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
