/**
 * A three-way merge of JSON documents, key by key: the user's added keys stay, the new version's
 * added keys arrive, and a value changed on one side only takes that side's value, whatever the
 * lines around it did. Objects merge recursively; arrays and scalars are values. A value both
 * sides changed differently goes to `resolve`, which either decides it (with a note for the
 * user) or leaves it a conflict.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A value both sides changed, differently; `undefined` means absent (deleted, or never there). */
export interface JsonClash {
  path: readonly string[];
  base: Json | undefined;
  ours: Json | undefined;
  theirs: Json | undefined;
}

/** Decides a clash (`value` undefined: the key is left out), or returns undefined: a conflict. */
export type JsonResolver = (clash: JsonClash) => { value: Json | undefined; note?: string } | undefined;

export interface JsonMerge {
  value: Json | undefined;
  /** Paths (`scripts.test`) both sides changed that `resolve` left undecided. */
  conflicts: string[];
  /** What `resolve` decided, in words. */
  notes: string[];
}

export function mergeJson(base: Json | undefined, ours: Json | undefined, theirs: Json | undefined, resolve: JsonResolver = () => undefined): JsonMerge {
  const result: JsonMerge = { value: undefined, conflicts: [], notes: [] };
  result.value = mergeValue([], base, ours, theirs, resolve, result);
  return result;
}

function mergeValue(path: string[], base: Json | undefined, ours: Json | undefined, theirs: Json | undefined, resolve: JsonResolver, into: JsonMerge): Json | undefined {
  if (deepEqual(ours, theirs)) return ours;
  if (deepEqual(base, ours)) return theirs;
  if (deepEqual(base, theirs)) return ours;
  if (isObject(ours) && isObject(theirs) && (base === undefined || isObject(base))) {
    return mergeObjects(path, base ?? {}, ours, theirs, resolve, into);
  }
  const decided = resolve({ path, base, ours, theirs });
  if (decided) {
    if (decided.note) into.notes.push(decided.note);
    return decided.value;
  }
  into.conflicts.push(path.join('.'));
  return ours;
}

function mergeObjects(
  path: string[],
  base: { [key: string]: Json },
  ours: { [key: string]: Json },
  theirs: { [key: string]: Json },
  resolve: JsonResolver,
  into: JsonMerge,
): { [key: string]: Json } {
  // The user's order, with the new version's new keys after the key they follow there.
  const order = Object.keys(ours);
  let after = -1;
  for (const key of Object.keys(theirs)) {
    const at = order.indexOf(key);
    if (at === -1) order.splice(++after, 0, key);
    else after = at;
  }
  const merged: { [key: string]: Json } = {};
  for (const key of order) {
    const value = mergeValue([...path, key], own(base, key), own(ours, key), own(theirs, key), resolve, into);
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}

function own(object: { [key: string]: Json }, key: string): Json | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** A JSON object (not null, not an array). */
export function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function deepEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]));
  }
  return false;
}

/** Parses JSON text, or undefined when it is not JSON (a comment in a tsconfig.json, say). */
export function parseJson(text: string): Json | undefined {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as Json;
  } catch {
    return undefined;
  }
}

/**
 * `value` as JSON text formatted like `like`: its indentation (spaces or a tab), its line endings
 * and whether it ends with a line break.
 */
export function formatJsonLike(value: Json, like: string): string {
  const indent = /^\{\r?\n([ \t]+)"/.exec(like.replace(/^\uFEFF/, ''))?.[1] ?? '  ';
  const eol = /\r\n/.test(like) ? '\r\n' : '\n';
  const text = JSON.stringify(value, null, indent).replace(/\n/g, eol);
  return /\r?\n$/.test(like) ? `${text}${eol}` : text;
}
