/**
 * How an upgrade settles package.json where the user and the new version changed the same value:
 * dependency versions move to the new pins unless the user's pin is newer (or a range or a path
 * they chose); the user's scripts and every other value of theirs stay. package.json never gets
 * conflict markers: the package manager must still read it.
 */
import type { JsonClash, JsonResolver } from '../merge/merge-json.js';
import { compareVersions, isExactVersion } from '../version.js';

/** The fields of package.json that hold dependencies, name to version. */
export const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;
const dependencyFields: ReadonlySet<string> = new Set(DEPENDENCY_FIELDS);

export function packageJsonResolver(newVersion: string): JsonResolver {
  const log = `log-lambda ${newVersion}`;
  return ({ path, ours, theirs }: JsonClash) => {
    const [field, name] = path;
    const where = path.join('.');
    if (path.length === 2 && field !== undefined && name !== undefined && dependencyFields.has(field)) {
      if (ours === undefined) return { value: undefined, note: `${name}: you removed it from ${field}; ${log} pins ${String(theirs)}: left out` };
      if (theirs === undefined) return { value: ours, note: `${name}: ${log} no longer needs it; you changed it, so it stays` };
      if (typeof ours === 'string' && typeof theirs === 'string' && isExactVersion(ours) && isExactVersion(theirs)) {
        return compareVersions(ours, theirs) > 0
          ? { value: ours, note: `${name}: kept your ${ours}, newer than ${log}'s pin ${theirs}` }
          : { value: theirs, note: `${name}: ${ours} → ${theirs}, ${log}'s pin (you had changed it)` };
      }
      return { value: ours, note: `${name}: kept your ${JSON.stringify(ours)}; ${log} pins ${JSON.stringify(theirs)}` };
    }
    if (ours === undefined) return { value: undefined, note: `${where}: you removed it; left out (${log} has ${JSON.stringify(theirs)})` };
    return { value: ours, note: `${where}: kept yours; ${log} has ${theirs === undefined ? 'none' : JSON.stringify(theirs)}` };
  };
}
