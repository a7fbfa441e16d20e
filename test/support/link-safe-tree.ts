import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';

/**
 * Every entry under `root` as it is on disk, never following a link: a file by the hash of its
 * bytes and its mode, a folder as `dir`, a link by where it points. Links and node_modules are
 * not descended into. To compare a project and the folders around it before and after a run.
 */
export function linkSafeTree(root: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const visit = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const file = path.join(folder, name);
      const key = path.relative(root, file);
      const stat = lstatSync(file);
      if (stat.isSymbolicLink()) entries[key] = `link -> ${readlinkSync(file)}`;
      else if (stat.isDirectory()) {
        entries[key] = 'dir';
        if (name !== 'node_modules') visit(file);
      } else entries[key] = `${(stat.mode & 0o777).toString(8)} ${createHash('sha256').update(readFileSync(file)).digest('hex')}`;
    }
  };
  visit(root);
  return entries;
}
