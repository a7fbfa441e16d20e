/**
 * What an upgrade does to package-lock.json when it changes dependency pins in package.json.
 *
 * npm, asked to move a package to another version with the old lock file in place, keeps the old
 * lock's placement of that package's dependencies. When the package bundles some of its
 * dependencies (aws-cdk-lib does), a dependency the old version's tree had nested inside it stays
 * recorded there, where npm then expects the tarball to bring it: measured on npm 11 with
 * aws-cdk-lib 2.276.0 → 2.270.0, `@aws-cdk/cloud-assembly-schema` was left out of the tree
 * (`Cannot find module` in the project's tests), and `npm ci` from that lock file left it out again.
 * So before installing, the upgrade makes npm forget what it had locked for each package whose pin
 * changed: the package, everything nested inside it, and its own dependencies at the top of
 * node_modules. npm resolves those anew, as for a new project; every other entry, the user's own
 * dependencies among them, stays locked as it was.
 */
import { isObject, parseJson, type Json } from '../merge/merge-json.js';
import { DEPENDENCY_FIELDS } from './package-json.js';

/** The names whose version (or presence) differs between two package.json texts, in any dependency field. */
export function changedDependencies(before: string, after: string): string[] {
  const read = (text: string): Map<string, string> => {
    const manifest = parseJson(text);
    const pins = new Map<string, string>();
    for (const field of DEPENDENCY_FIELDS) {
      const dependencies = isObject(manifest) ? manifest[field] : undefined;
      if (isObject(dependencies)) for (const [name, version] of Object.entries(dependencies)) pins.set(`${field} ${name}`, String(version));
    }
    return pins;
  };
  const old = read(before);
  const now = read(after);
  const changed = new Set<string>();
  for (const key of new Set([...old.keys(), ...now.keys()])) if (old.get(key) !== now.get(key)) changed.add(key.slice(key.indexOf(' ') + 1));
  return [...changed].sort();
}

/**
 * `lock` (package-lock.json's text) without what it had locked for `names` (see above), in the
 * same indentation; undefined when nothing is to be forgotten or the text is not a lock file npm 7
 * or later wrote (lockfileVersion 2 or 3).
 */
export function forgetInNpmLock(lock: string, names: readonly string[]): string | undefined {
  const parsed = parseJson(lock);
  if (!isObject(parsed)) return undefined;
  const packages = parsed['packages'];
  if (!isObject(packages)) return undefined;
  const forgotten = new Set<string>();
  const forgottenNames = new Set<string>();
  for (const name of names) {
    const entry = packages[`node_modules/${name}`];
    const itsDependencies = ['dependencies', 'optionalDependencies'].flatMap((field) => {
      const value = isObject(entry) ? entry[field] : undefined;
      return isObject(value) ? Object.keys(value) : [];
    });
    for (const forgottenName of [name, ...itsDependencies]) forgottenNames.add(forgottenName);
    for (const key of Object.keys(packages)) {
      if (key === `node_modules/${name}` || key.startsWith(`node_modules/${name}/`) || itsDependencies.some((dependency) => key === `node_modules/${dependency}`))
        forgotten.add(key);
    }
  }
  if (forgotten.size === 0) return undefined;
  const kept = Object.fromEntries(Object.entries(packages).filter(([key]) => !forgotten.has(key)));
  const result: { [key: string]: Json } = { ...parsed, packages: kept };
  // lockfileVersion 2 repeats the top of the tree in npm 6's format, by name.
  const legacy = parsed['dependencies'];
  if (isObject(legacy)) {
    result['dependencies'] = Object.fromEntries(Object.entries(legacy).filter(([name]) => !forgottenNames.has(name)));
  }
  const indent = /^\{\r?\n([ \t]+)"/.exec(lock)?.[1] ?? '  ';
  const eol = lock.includes('\r\n') ? '\r\n' : '\n';
  const text = JSON.stringify(result, null, indent).replace(/\n/g, eol);
  return lock.endsWith('\n') ? `${text}${eol}` : text;
}
