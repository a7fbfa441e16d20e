/** The JSON merge: key by key, the user's order kept, new keys in place, clashes to the resolver. */
import { describe, expect, it } from 'vitest';
import { formatJsonLike, mergeJson, parseJson } from '../../src/merge/merge-json.js';

describe('mergeJson', () => {
  it('keeps keys the user added and takes keys and values the new version changed', () => {
    const base = { name: 'app', scripts: { test: 'vitest run' }, dependencies: { a: '1.0.0' } };
    const ours = { name: 'app', scripts: { test: 'vitest run', lint: 'eslint .' }, dependencies: { a: '1.0.0', mine: '3.0.0' } };
    const theirs = { name: 'app', scripts: { test: 'vitest run', invoke: 'tsx local/invoke.ts' }, dependencies: { a: '1.1.0' } };
    const merged = mergeJson(base, ours, theirs);
    expect(merged).toEqual({
      value: { name: 'app', scripts: { test: 'vitest run', invoke: 'tsx local/invoke.ts', lint: 'eslint .' }, dependencies: { a: '1.1.0', mine: '3.0.0' } },
      conflicts: [],
      notes: [],
    });
    // The user's order, the new key after the one it follows in the new version.
    expect(Object.keys((merged.value as Record<string, Record<string, string>>)['scripts']!)).toEqual(['test', 'invoke', 'lint']);
  });

  it('removes what the new version removed, unless the user changed it', () => {
    expect(mergeJson({ a: 1, b: 2 }, { a: 1, b: 2 }, { a: 1 }).value).toEqual({ a: 1 });
    expect(mergeJson({ a: 1, b: 2 }, { a: 1, b: 3 }, { a: 1 })).toEqual({ value: { a: 1, b: 3 }, conflicts: ['b'], notes: [] });
    // Removed by the user, unchanged by the new version: stays removed.
    expect(mergeJson({ a: 1, b: 2 }, { a: 1 }, { a: 1, b: 2, c: 3 }).value).toEqual({ a: 1, c: 3 });
  });

  it('reports values both changed differently as conflicts, by path, unless the resolver decides', () => {
    const base = { x: { y: 1, z: [1] } };
    const ours = { x: { y: 2, z: [1, 2] } };
    const theirs = { x: { y: 3, z: [1, 3] } };
    expect(mergeJson(base, ours, theirs).conflicts).toEqual(['x.y', 'x.z']);
    const decided = mergeJson(base, ours, theirs, ({ path, theirs: value }) => ({ value, note: `${path.join('.')}: theirs` }));
    expect(decided).toEqual({ value: theirs, conflicts: [], notes: ['x.y: theirs', 'x.z: theirs'] });
  });

  it('merges objects both sides added (no base) key by key', () => {
    expect(mergeJson(undefined, { a: 1, b: 2 }, { a: 1, c: 3 })).toEqual({ value: { a: 1, b: 2, c: 3 }, conflicts: [], notes: [] });
    expect(mergeJson(undefined, { a: 1 }, { a: 2 }).conflicts).toEqual(['a']);
  });
});

describe('formatJsonLike', () => {
  it("uses the user's indentation, line endings and final newline", () => {
    expect(formatJsonLike({ a: [1] }, '{\n    "x": 1\n}\n')).toBe('{\n    "a": [\n        1\n    ]\n}\n');
    expect(formatJsonLike({ a: 1 }, '{\r\n\t"x": 1\r\n}')).toBe('{\r\n\t"a": 1\r\n}');
  });

  it('parses with a BOM, and says undefined for JSON with comments', () => {
    expect(parseJson('\uFEFF{"a":1}')).toEqual({ a: 1 });
    expect(parseJson('{ // a comment\n "a": 1 }')).toBeUndefined();
  });
});
