/** The line diff: a valid edit script, as short as an exact LCS on small inputs, and valid on large hostile ones. */
import { describe, expect, it } from 'vitest';
import { diff, type Hunk } from '../../src/merge/diff.js';
import { seededRandom as random } from '../random.js';

/** `a` with the hunks applied must be `b`, and what the hunks keep must be equal on both sides. */
function apply(a: number[], b: number[], hunks: Hunk[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  for (const hunk of hunks) {
    expect(hunk.aStart - i).toBe(hunk.bStart - j); // the same number of common elements before it
    expect(a.slice(i, hunk.aStart)).toEqual(b.slice(j, hunk.bStart));
    out.push(...a.slice(i, hunk.aStart), ...b.slice(hunk.bStart, hunk.bEnd));
    expect(hunk.aEnd - hunk.aStart + (hunk.bEnd - hunk.bStart)).toBeGreaterThan(0);
    i = hunk.aEnd;
    j = hunk.bEnd;
  }
  out.push(...a.slice(i));
  return out;
}

function editCount(hunks: Hunk[]): number {
  return hunks.reduce((sum, h) => sum + (h.aEnd - h.aStart) + (h.bEnd - h.bStart), 0);
}

/** N + M - 2·LCS, by dynamic programming: the least number of insertions and deletions. */
function leastEdits(a: number[], b: number[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = a[i - 1] === b[j - 1] ? diagonal + 1 : Math.max(row[j]!, row[j - 1]!);
      diagonal = above;
    }
  }
  return a.length + b.length - 2 * row[b.length]!;
}

describe('diff', () => {
  it('finds nothing between equal sequences, and one hunk for a change', () => {
    expect(diff([1, 2, 3], [1, 2, 3])).toEqual([]);
    expect(diff([1, 2, 3], [1, 9, 3])).toEqual([{ aStart: 1, aEnd: 2, bStart: 1, bEnd: 2 }]);
    expect(diff([], [1, 2])).toEqual([{ aStart: 0, aEnd: 0, bStart: 0, bEnd: 2 }]);
    expect(diff([1, 2], [])).toEqual([{ aStart: 0, aEnd: 2, bStart: 0, bEnd: 0 }]);
    expect(diff([1, 2, 3], [1, 3])).toEqual([{ aStart: 1, aEnd: 2, bStart: 1, bEnd: 1 }]);
    expect(diff([1, 3], [1, 2, 3])).toEqual([{ aStart: 1, aEnd: 1, bStart: 1, bEnd: 2 }]);
  });

  it('gives a valid, minimal script on 3,000 random pairs (checked against an exact LCS)', () => {
    const next = random(14);
    for (let round = 0; round < 3000; round++) {
      const alphabet = 1 + Math.floor(next() * 6);
      const a = Array.from({ length: Math.floor(next() * 30) }, () => Math.floor(next() * alphabet));
      // b: a edited, or unrelated
      const b =
        next() < 0.3
          ? Array.from({ length: Math.floor(next() * 30) }, () => Math.floor(next() * alphabet))
          : a.flatMap((x) => (next() < 0.15 ? [] : next() < 0.15 ? [x, Math.floor(next() * alphabet)] : [x]));
      const hunks = diff(a, b);
      expect(apply(a, b, hunks)).toEqual(b);
      expect(editCount(hunks)).toBe(leastEdits(a, b));
    }
  });

  it('stays valid on large hostile inputs (few distinct lines, many edits), where the cost limit applies', () => {
    const next = random(7);
    const a = Array.from({ length: 20_000 }, () => Math.floor(next() * 3));
    const b = Array.from({ length: 20_000 }, () => Math.floor(next() * 3));
    expect(apply(a, b, diff(a, b))).toEqual(b);
  });

  it('treats lines found on one side only as changes without searching (a rewritten file)', () => {
    const a = Array.from({ length: 50_000 }, (_, i) => i);
    const b = Array.from({ length: 50_000 }, (_, i) => i + 50_000);
    expect(diff(a, b)).toEqual([{ aStart: 0, aEnd: 50_000, bStart: 0, bEnd: 50_000 }]);
  });
});
