/**
 * Runs a parsed `%regex%` (regex.ts) over a text without backtracking: a simulation of the
 * automaton with counters, one pass over the text, every state of every branch advanced together.
 * A branch is a chain of character sets with repeat counts; each keeps what the chain needs to
 * know about the text read so far (whether it was entered one character ago, whether a run of its
 * characters is under way, the entry times still inside `{m,n}`), so a step costs O(1) per state
 * and a line of n characters costs O(n × states) time, whatever the counts: `a{1,1000}` is one
 * state, not a thousand. JavaScript's RegExp, which backtracks, never sees a user's expression.
 *
 * Shortcuts that keep common expressions near the speed of String.prototype.includes: a branch
 * that is plain text is a substring test; a branch whose every match contains some text is
 * skipped when the line lacks it; while no state is alive, the scan jumps to the next place the
 * branch's leading text occurs.
 */
import { hasChar, singleChar, type CharSet, type Regex, type RegexAtom } from './regex.js';
import { matcherSteps } from './steps.js';

export type TextTest = (text: string) => boolean;

const ONE = 0; // {1}
const OPTIONAL = 1; // ? {0,1}
const STAR = 2; // * {0,}
const PLUS = 3; // + {1,}
const AT_LEAST = 4; // {m,}
const COUNTED = 5; // {m,n}
const START = 6; // ^
const END = 7; // $

export function compileRegex(regex: Regex): TextTest {
  const tests = regex.branches.map(compileBranch);
  if (tests.length === 1) return tests[0]!;
  return (text) => {
    for (const test of tests) if (test(text)) return true;
    return false;
  };
}

/** `$` matches at the end of the text, or before a line break that ends it. */
function endsWithText(text: string, suffix: string): boolean {
  return text.endsWith(suffix) || (text.endsWith('\n') && text.length > suffix.length && text.endsWith(suffix, text.length - 1));
}

function compileBranch(atoms: readonly RegexAtom[]): TextTest {
  if (atoms.length === 0) return () => true;
  const plain = plainText(atoms);
  if (plain) {
    const { text: needle, anchoredStart, anchoredEnd } = plain;
    if (anchoredStart && anchoredEnd) return (text) => text === needle || text === `${needle}\n`;
    if (anchoredStart) return (text) => text.startsWith(needle);
    if (anchoredEnd) return (text) => endsWithText(text, needle);
    return (text) => text.includes(needle);
  }
  return compileChain(atoms);
}

/** The branch as text with optional anchors, when every atom is one given character once. */
function plainText(atoms: readonly RegexAtom[]): { text: string; anchoredStart: boolean; anchoredEnd: boolean } | undefined {
  const anchoredStart = atoms[0]?.type === 'start';
  const anchoredEnd = atoms.length > (anchoredStart ? 1 : 0) && atoms.at(-1)?.type === 'end';
  let text = '';
  for (const atom of atoms.slice(anchoredStart ? 1 : 0, anchoredEnd ? -1 : undefined)) {
    const char = atom.type === 'set' && atom.min === 1 && atom.max === 1 ? singleChar(atom.set) : undefined;
    if (char === undefined) return undefined;
    text += char;
  }
  return text === '' && !anchoredStart && !anchoredEnd ? undefined : { text, anchoredStart, anchoredEnd };
}

/** Runs of atoms that are one given character once: text every match of the branch contains. */
function literalRuns(atoms: readonly RegexAtom[]): string[] {
  const runs = [''];
  for (const atom of atoms) {
    const char = atom.type === 'set' && atom.min === 1 && atom.max === 1 ? singleChar(atom.set) : undefined;
    if (char === undefined) runs.push('');
    else runs[runs.length - 1] += char;
  }
  return runs;
}

function kindOf(atom: RegexAtom): number {
  if (atom.type === 'start') return START;
  if (atom.type === 'end') return END;
  const { min, max } = atom;
  if (min === 1 && max === 1) return ONE;
  if (min === 0 && max === 1) return OPTIONAL;
  if (max === Infinity) return min === 0 ? STAR : min === 1 ? PLUS : AT_LEAST;
  return COUNTED;
}

function membership(set: CharSet | undefined): Uint8Array {
  const table = new Uint8Array(129); // 0–127: ASCII; 128: any other character
  if (set) for (let code = 0; code < 129; code++) table[code] = hasChar(set, code) ? 1 : 0;
  return table;
}

function compileChain(atoms: readonly RegexAtom[]): TextTest {
  const k = atoms.length;
  const kind = Uint8Array.from(atoms, kindOf);
  const member = atoms.map((atom) => membership(atom.type === 'set' ? atom.set : undefined));
  const min = Float64Array.from(atoms, (atom) => (atom.type === 'set' ? atom.min : 0));
  const max = Float64Array.from(atoms, (atom) => (atom.type === 'set' ? atom.max : 0));
  const runs = literalRuns(atoms);
  const required = runs.reduce((longest, run) => (run.length > longest.length ? run : longest), '');
  const lead = kind[0] === START ? '' : runs[0]!;
  const anchoredStart = kind[0] === START;

  // State, reused from line to line: a flag per atom (entered one character ago, or a run of its
  // characters under way), the oldest entry of {m,} atoms, and the entries of {m,n} atoms.
  const flag = new Uint8Array(k);
  const oldest = new Float64Array(k);
  const queues: number[][] = atoms.map(() => []);
  const heads = new Uint32Array(k);

  return (text) => {
    if (required !== '' && !text.includes(required)) return false;
    const n = text.length;
    const endsWithBreak = n > 0 && text.charCodeAt(n - 1) === 10;
    flag.fill(0);
    oldest.fill(-1);
    for (let i = 0; i < k; i++) {
      queues[i]!.length = 0;
      heads[i] = 0;
    }
    let steps = 0;
    let pos = 0; // code units read
    let tick = 0; // characters read (a surrogate pair is one)
    let code = -1; // the character just read: 0–127, 128 for any other, -1 before the first
    let lastLive = -1;
    try {
      for (;;) {
        // Advance every atom over `code`, then let entries flow through the chain at this point.
        let entering = true; // the search may start anywhere: the first atom is entered at every point
        let live = -1;
        for (let i = 0; i < k; i++) {
          if (!entering && i > lastLive) break; // nothing further along holds state or is entered
          steps++;
          const hit = code >= 0 && member[i]![code] === 1;
          let exit = false;
          switch (kind[i]) {
            case ONE:
              exit = flag[i] === 1 && hit;
              flag[i] = entering ? 1 : 0;
              break;
            case OPTIONAL:
              exit = entering || (flag[i] === 1 && hit);
              flag[i] = entering ? 1 : 0;
              break;
            case STAR:
              exit = (flag[i] === 1 && hit) || entering;
              flag[i] = exit ? 1 : 0;
              break;
            case PLUS:
              exit = flag[i] === 1 && hit;
              flag[i] = exit || entering ? 1 : 0;
              break;
            case AT_LEAST: {
              if (!hit) oldest[i] = -1;
              if (entering && oldest[i]! < 0) oldest[i] = tick;
              exit = oldest[i]! >= 0 && tick - oldest[i]! >= min[i]!;
              if (oldest[i]! >= 0) live = i;
              break;
            }
            case COUNTED: {
              const queue = queues[i]!;
              let head = heads[i]!;
              if (!hit) {
                queue.length = 0;
                head = 0;
              }
              while (head < queue.length && queue[head]! < tick - max[i]!) {
                head++;
                steps++;
              }
              if (entering) queue.push(tick);
              exit = head < queue.length && queue[head]! <= tick - min[i]!;
              if (head === queue.length && head > 0) {
                queue.length = 0;
                head = 0;
              }
              heads[i] = head;
              if (head < queue.length) live = i;
              break;
            }
            case START:
              exit = entering && pos === 0;
              break;
            case END:
              exit = entering && (pos === n || (endsWithBreak && pos === n - 1));
              break;
          }
          if (flag[i] === 1) live = i;
          entering = exit;
        }
        if (entering) return true; // the last atom was left: a match ends here
        lastLive = live;
        if (pos >= n) return false;
        if (lastLive < 0 && anchoredStart) return false; // `^…` can no longer start
        if (lastLive <= 0 && lead !== '') {
          // Only the first atom holds its entry of this point: no match starts before `lead` does.
          const next = text.indexOf(lead, pos);
          if (next < 0) return false;
          if (next > pos) {
            tick += next - pos; // counts code units: only differences inside one run matter
            pos = next;
          }
        }
        let unit = text.charCodeAt(pos++);
        if (unit >= 128) {
          if (unit >= 0xd800 && unit <= 0xdbff && pos < n) {
            const low = text.charCodeAt(pos);
            if (low >= 0xdc00 && low <= 0xdfff) pos++;
          }
          unit = 128;
        }
        code = unit;
        tick++;
      }
    } finally {
      matcherSteps.count += steps;
    }
  };
}
