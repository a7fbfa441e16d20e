/**
 * The differences between two sequences (of line ids): Myers' O((N+M)·D) algorithm in linear
 * space (the "middle snake" divide and conquer of "An O(ND) Difference Algorithm and Its
 * Variations", 1986), the algorithm git and GNU diff use. Three things keep it near-linear on the
 * inputs that hurt a plain Myers:
 * - elements found in only one sequence cannot be matched: they are marked changed up front and
 *   left out of the search (a rewritten file costs O(N+M), not O(N·M));
 * - equal heads and tails are skipped at every level;
 * - when a search passes a cost limit (about the square root of the size), it splits at the
 *   furthest point reached instead of the optimal one, as xdiff does: a valid, possibly longer
 *   script, in O((N+M)^1.5) at worst.
 */

/** `a[aStart, aEnd)` is replaced by `b[bStart, bEnd)`; an empty range is a pure insertion or deletion. */
export interface Hunk {
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
}

/** The hunks that turn `a` into `b`, in order, separated by at least one common element. */
export function diff(a: ArrayLike<number>, b: ArrayLike<number>): Hunk[] {
  const changedA = new Uint8Array(a.length);
  const changedB = new Uint8Array(b.length);
  // Only elements found on both sides take part in the search.
  const inB = new Set<number>();
  for (let j = 0; j < b.length; j++) inB.add(b[j]!);
  const inA = new Set<number>();
  for (let i = 0; i < a.length; i++) inA.add(a[i]!);
  const keptA: number[] = [];
  const keptB: number[] = [];
  for (let i = 0; i < a.length; i++) {
    if (inB.has(a[i]!)) keptA.push(i);
    else changedA[i] = 1;
  }
  for (let j = 0; j < b.length; j++) {
    if (inA.has(b[j]!)) keptB.push(j);
    else changedB[j] = 1;
  }
  const search = new MiddleSnakeSearch(
    Int32Array.from(keptA, (i) => a[i]!),
    Int32Array.from(keptB, (j) => b[j]!),
  );
  search.compare(0, keptA.length, 0, keptB.length);
  search.changedA.forEach((changed, k) => changed && (changedA[keptA[k]!] = 1));
  search.changedB.forEach((changed, k) => changed && (changedB[keptB[k]!] = 1));
  return hunksOf(changedA, changedB);
}

/** Unchanged elements of both sides pair up in order; the runs of changed ones between them are the hunks. */
function hunksOf(changedA: Uint8Array, changedB: Uint8Array): Hunk[] {
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < changedA.length && j < changedB.length && !changedA[i] && !changedB[j]) {
      i++;
      j++;
    }
    if (i === changedA.length && j === changedB.length) return hunks;
    const aStart = i;
    const bStart = j;
    while (i < changedA.length && changedA[i]) i++;
    while (j < changedB.length && changedB[j]) j++;
    hunks.push({ aStart, aEnd: i, bStart, bEnd: j });
  }
}

/** Below this many edit steps a search is always exact. */
const MIN_COST_LIMIT = 256;

class MiddleSnakeSearch {
  readonly changedA: Uint8Array;
  readonly changedB: Uint8Array;
  /** Furthest x reached on each diagonal k = x - y, forward and backward, offset by `offset`. */
  private readonly forward: Int32Array;
  private readonly backward: Int32Array;
  private readonly offset: number;
  private readonly costLimit: number;

  constructor(
    private readonly a: Int32Array,
    private readonly b: Int32Array,
  ) {
    this.changedA = new Uint8Array(a.length);
    this.changedB = new Uint8Array(b.length);
    const size = a.length + b.length;
    // Diagonals run from -(size/2 + 1) forward to delta ± (size/2 + 1) backward, |delta| < size.
    this.offset = 2 * size + 2;
    this.forward = new Int32Array(4 * size + 5);
    this.backward = new Int32Array(4 * size + 5);
    let root = 1;
    while (root * root < size) root *= 2;
    this.costLimit = Math.max(MIN_COST_LIMIT, root);
  }

  /** Marks the changed elements of a[aLo, aHi) against b[bLo, bHi). */
  compare(aLo: number, aHi: number, bLo: number, bHi: number): void {
    // An explicit stack: the recursion depth would follow the number of edits.
    const stack: Array<[number, number, number, number]> = [[aLo, aHi, bLo, bHi]];
    while (stack.length > 0) {
      let [xLo, xHi, yLo, yHi] = stack.pop()!;
      while (xLo < xHi && yLo < yHi && this.a[xLo] === this.b[yLo]) {
        xLo++;
        yLo++;
      }
      while (xLo < xHi && yLo < yHi && this.a[xHi - 1] === this.b[yHi - 1]) {
        xHi--;
        yHi--;
      }
      if (xLo === xHi) {
        this.changedB.fill(1, yLo, yHi);
      } else if (yLo === yHi) {
        this.changedA.fill(1, xLo, xHi);
      } else {
        // Both sides are non-empty and differ at both ends: at least two edits, so each half
        // below has fewer than the whole and the loop ends.
        const [x, y, u, v] = this.split(xLo, xHi, yLo, yHi);
        stack.push([u, xHi, v, yHi], [xLo, x, yLo, y]);
      }
    }
  }

  /**
   * A snake (x, y) → (u, v) on an optimal path through the box, or a point the path is made to
   * pass through (x = u, y = v) when the search got too expensive.
   */
  private split(xLo: number, xHi: number, yLo: number, yHi: number): [number, number, number, number] {
    const { a, b, forward, backward, offset } = this;
    const n = xHi - xLo;
    const m = yHi - yLo;
    const delta = n - m;
    const odd = (delta & 1) !== 0;
    // Coordinates are relative to (xLo, yLo).
    forward[offset + 1] = 0;
    backward[offset + delta - 1] = n;
    for (let d = 0; ; d++) {
      for (let k = -d; k <= d; k += 2) {
        let x = k === -d || (k !== d && forward[offset + k - 1]! < forward[offset + k + 1]!) ? forward[offset + k + 1]! : forward[offset + k - 1]! + 1;
        let y = x - k;
        const x0 = x;
        const y0 = y;
        while (x < n && y < m && a[xLo + x] === b[yLo + y]) {
          x++;
          y++;
        }
        forward[offset + k] = x;
        if (odd && k >= delta - (d - 1) && k <= delta + (d - 1) && x >= backward[offset + k]!) {
          return [xLo + x0, yLo + y0, xLo + x, yLo + y];
        }
      }
      for (let k = delta - d; k <= delta + d; k += 2) {
        let x = k === delta + d || (k !== delta - d && backward[offset + k - 1]! < backward[offset + k + 1]!) ? backward[offset + k - 1]! : backward[offset + k + 1]! - 1;
        let y = x - k;
        const x1 = x;
        const y1 = y;
        while (x > 0 && y > 0 && a[xLo + x - 1] === b[yLo + y - 1]) {
          x--;
          y--;
        }
        backward[offset + k] = x;
        if (!odd && k >= -d && k <= d && x <= forward[offset + k]!) {
          return [xLo + x, yLo + y, xLo + x1, yLo + y1];
        }
      }
      if (d >= this.costLimit) {
        const cut = this.furthestPoint(d, n, m, delta);
        if (cut) return [xLo + cut[0], yLo + cut[1], xLo + cut[0], yLo + cut[1]];
      }
    }
  }

  /**
   * After d steps each way: the point, strictly inside the box, that got furthest from its
   * corner (forward or backward). Splitting there gives a valid script that may not be minimal.
   */
  private furthestPoint(d: number, n: number, m: number, delta: number): [number, number] | undefined {
    let best: [number, number] | undefined;
    let bestProgress = 0;
    for (let k = -d; k <= d; k += 2) {
      const x = Math.min(this.forward[this.offset + k]!, n);
      const y = x - k;
      if (y < 0 || y > m || x + y >= n + m || x + y <= bestProgress) continue;
      best = [x, y];
      bestProgress = x + y;
    }
    for (let k = delta - d; k <= delta + d; k += 2) {
      const x = Math.max(this.backward[this.offset + k]!, 0);
      const y = x - k;
      const progress = n - x + (m - y);
      if (y < 0 || y > m || x + y <= 0 || progress <= bestProgress) continue;
      best = [x, y];
      bestProgress = progress;
    }
    return best;
  }
}
