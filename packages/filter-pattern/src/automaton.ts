/**
 * Runs a parsed `%regex%` (regex.ts) over a text without backtracking: a simulation of the
 * automaton with counters, one pass over the text, every state advanced together. A branch is a
 * chain of character sets with repeat counts. Sets repeated once, `?`, `*` or `+` are states of a
 * bit-parallel automaton (Shift-And with optional and repeatable positions): 30 states per 32-bit
 * word, one word advanced in a few integer operations per character, the empty moves through `?`
 * and `*` done by one addition's carry. A larger count `{m,n}` is one counting state that keeps
 * the entry times still inside its window, so `a{1,1000}` costs what `a` costs. A line of n
 * characters takes O(n × pattern length) time, whatever the counts; JavaScript's RegExp, which
 * backtracks, never sees a user's expression.
 *
 * Shortcuts that keep common expressions near the speed of String.prototype.includes: a branch
 * that is plain text is a substring test; a branch whose every match contains some text is
 * skipped when the line lacks it; while no state is alive, the scan jumps to the next place the
 * branch's leading text occurs.
 */
import { hasChar, singleChar, type CharSet, type Regex, type RegexAtom } from './regex.js';
import { matcherSteps } from './steps.js';

export type TextTest = (text: string) => boolean;

/** Character codes of the automaton: 0–127 ASCII, 128 any other character, 129 none (before the first). */
const OTHER = 128;
const NONE = 129;
const CODES = 130;

/** States per word of the bit-parallel part: below 31 bits, so that a word plus its carry stays a positive int32. */
const STATES_PER_WORD = 30;
/** Counts up to this are spelled out as states (a{2,4} is aaa?a?); larger ones count. */
const SPELLED = 8;

export function compileRegex(regex: Regex): TextTest {
  return anyOf(regex.branches.map(compileBranch));
}

/** Whether any of the tests holds: a regex's branches, a pattern's `?` or excluded terms. */
export function anyOf(tests: readonly TextTest[]): TextTest {
  if (tests.length === 1) return tests[0]!;
  if (tests.length === 2) {
    const [first, second] = tests as [TextTest, TextTest];
    return (text) => first(text) || second(text);
  }
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

/** A state of the chain: a set with one of the four simple repeats, a counting state, or an anchor. */
type State = { kind: 'one' | 'optional' | 'star' | 'plus'; set: CharSet } | { kind: 'count'; set: CharSet; min: number; max: number } | { kind: 'start' | 'end' };

/** The chain's states, counts up to SPELLED spelled out: a{3,} is aa a+, a{2,4} is aa a? a?. */
function statesOf(atoms: readonly RegexAtom[]): State[] {
  const states: State[] = [];
  for (const atom of atoms) {
    if (atom.type !== 'set') {
      states.push({ kind: atom.type });
      continue;
    }
    const { set, min, max } = atom;
    if (min === 1 && max === 1) states.push({ kind: 'one', set });
    else if (min === 0 && max === 1) states.push({ kind: 'optional', set });
    else if (min === 0 && max === Infinity) states.push({ kind: 'star', set });
    else if (min === 1 && max === Infinity) states.push({ kind: 'plus', set });
    else if (max === Infinity ? min <= SPELLED : max <= SPELLED) {
      for (let i = 0; i < (max === Infinity ? min - 1 : min); i++) states.push({ kind: 'one', set });
      if (max === Infinity) states.push({ kind: 'plus', set });
      else for (let i = min; i < max; i++) states.push({ kind: 'optional', set });
    } else states.push({ kind: 'count', set, min, max });
  }
  return states;
}

function table(sets: ReadonlyArray<CharSet | undefined>): Int32Array {
  const bits = new Int32Array(CODES);
  sets.forEach((set, bit) => {
    if (set) for (let code = 0; code <= OTHER; code++) if (hasChar(set, code)) bits[code]! |= 1 << bit;
  });
  return bits;
}

/**
 * Up to STATES_PER_WORD consecutive simple states as bits of one word: `accepts[code]` has the
 * bits of the states whose set holds the character; `nullable` the `?` and `*` states, which an
 * entry crosses without a character; `runStarts` the nullable states right after a non-nullable
 * one (or first).
 */
interface Word {
  type: 'word';
  accepts: Int32Array;
  nullable: number;
  runStarts: number;
  enteredOnly: number; // one and ? states: hold "entered one character ago"
  star: number;
  plus: number;
  full: number;
  top: number;
}

type Unit = Word | { type: 'count' | 'at-least'; accepts: Int32Array; min: number; max: number } | { type: 'start' | 'end' };

function unitsOf(states: readonly State[]): Unit[] {
  const units: Unit[] = [];
  let simple: Array<Extract<State, { kind: 'one' | 'optional' | 'star' | 'plus' }>> = [];
  const flush = () => {
    if (simple.length === 0) return;
    const bitsOf = (test: (state: State) => boolean) => simple.reduce((bits, state, bit) => (test(state) ? bits | (1 << bit) : bits), 0);
    const nullable = bitsOf((state) => state.kind === 'optional' || state.kind === 'star');
    units.push({
      type: 'word',
      accepts: table(simple.map((state) => state.set)),
      nullable,
      runStarts: nullable & ~(nullable << 1),
      enteredOnly: bitsOf((state) => state.kind === 'one' || state.kind === 'optional'),
      star: bitsOf((state) => state.kind === 'star'),
      plus: bitsOf((state) => state.kind === 'plus'),
      full: 2 ** simple.length - 1,
      top: 1 << (simple.length - 1),
    });
    simple = [];
  };
  for (const state of states) {
    if (state.kind === 'one' || state.kind === 'optional' || state.kind === 'star' || state.kind === 'plus') {
      simple.push(state);
      if (simple.length === STATES_PER_WORD) flush();
    } else {
      flush();
      units.push(
        state.kind === 'count' ? { type: state.max === Infinity ? 'at-least' : 'count', accepts: table([state.set]), min: state.min, max: state.max } : { type: state.kind },
      );
    }
  }
  flush();
  return units;
}

const WORD_UNIT = 0;
const COUNT_UNIT = 1;
const AT_LEAST_UNIT = 2;
const START_UNIT = 3;
const END_UNIT = 4;

function compileChain(atoms: readonly RegexAtom[]): TextTest {
  const units = unitsOf(statesOf(atoms));
  const u = units.length;
  const runs = literalRuns(atoms);
  const required = runs.reduce((longest, run) => (run.length > longest.length ? run : longest), '');
  const anchoredStart = units[0]!.type === 'start';
  // Text every match starts with (the leading atoms that are one given character once).
  const lead = anchoredStart ? '' : runs[0]!;

  // The units as parallel arrays, so that the loop below reads one shape.
  const kind = Uint8Array.from(units, (unit) => ({ word: WORD_UNIT, count: COUNT_UNIT, 'at-least': AT_LEAST_UNIT, start: START_UNIT, end: END_UNIT })[unit.type]);
  const accepts = new Int32Array(u * CODES);
  const [nullable, runStarts, enteredOnly, star, plus, full, top] = Array.from({ length: 7 }, () => new Int32Array(u));
  const min = new Int32Array(u);
  const max = new Int32Array(u); // finite for {m,n}; {m,} does not read it
  units.forEach((unit, i) => {
    if (unit.type === 'word' || unit.type === 'count' || unit.type === 'at-least') accepts.set(unit.accepts, i * CODES);
    if (unit.type === 'word') {
      nullable![i] = unit.nullable;
      runStarts![i] = unit.runStarts;
      enteredOnly![i] = unit.enteredOnly;
      star![i] = unit.star;
      plus![i] = unit.plus;
      full![i] = unit.full;
      top![i] = unit.top;
    } else if (unit.type === 'count' || unit.type === 'at-least') {
      min[i] = unit.min;
      if (unit.type === 'count') max[i] = unit.max;
    }
  });

  // State, reused from line to line. Words: a bit per state (one and ?: entered one character
  // ago; * and +: a run of its characters under way). {m,n}: the entry times (in characters read)
  // still inside the window, in runs of consecutive times: spans[i] holds pairs (first, last)
  // from index heads[i] to tails[i]. {m,}: only the oldest entry of the current run counts (bits[i], -1: none).
  const bits = new Int32Array(u);
  const spans = units.map(() => new Int32Array(16));
  const heads = new Int32Array(u);
  const tails = new Int32Array(u);

  return (text) => {
    if (required !== '' && !text.includes(required)) return false;
    const n = text.length;
    const endsWithBreak = n > 0 && text.charCodeAt(n - 1) === 10;
    for (let i = 0; i < u; i++) bits[i] = kind[i] === AT_LEAST_UNIT ? -1 : 0;
    heads.fill(0);
    tails.fill(0);
    let steps = 0;
    let pos = 0; // code units read
    let tick = 0; // characters read (a surrogate pair is one)
    let code = NONE; // the character just read
    let lastLive = -1; // the last unit holding state
    for (;;) {
      // Advance every unit over `code`, then let entries flow through the chain at this point.
      let entering = 1; // the search may start anywhere: the chain is entered at every point
      let live = -1;
      for (let i = 0; i < u; i++) {
        if (entering === 0 && i > lastLive) break; // nothing further along holds state or is entered
        steps++;
        switch (kind[i]) {
          case WORD_UNIT: {
            const skip = nullable![i]!;
            const consumed = bits[i]! & accepts[i * CODES + code]!;
            const seeds = (consumed & skip) | (skip & runStarts![i]! & ((consumed << 1) | entering));
            const exits = (consumed | (((skip + seeds) ^ skip) & skip)) & full![i]!;
            const entered = ((exits << 1) | entering) & full![i]!;
            const next = (entered & enteredOnly![i]!) | (exits & star![i]!) | ((exits | entered) & plus![i]!);
            bits[i] = next;
            if (next !== 0) live = i;
            entering = (exits & top![i]!) === 0 ? 0 : 1;
            break;
          }
          case COUNT_UNIT: {
            // head and tail index spans[i] directly: a run is the pair at head, head + 1.
            let span = spans[i]!;
            let head = heads[i]!;
            let tail = tails[i]!;
            if (accepts[i * CODES + code] === 0) head = tail = 0; // the run is broken: every entry is gone
            const oldestAllowed = tick - max[i]!;
            while (head < tail && span[head + 1]! < oldestAllowed) {
              head += 2;
              steps++;
            }
            if (head < tail && span[head]! < oldestAllowed) span[head] = oldestAllowed;
            if (entering) {
              if (head < tail && span[tail - 1] === tick - 1) span[tail - 1] = tick;
              else {
                if (tail + 2 > span.length) {
                  span.copyWithin(0, head, tail);
                  tail -= head;
                  head = 0;
                  if (tail + 2 > span.length) {
                    const larger = new Int32Array(span.length * 2);
                    larger.set(span);
                    spans[i] = span = larger;
                  }
                }
                span[tail] = tick;
                span[tail + 1] = tick;
                tail += 2;
              }
            }
            entering = head < tail && span[head]! <= tick - min[i]! ? 1 : 0;
            if (head === tail) head = tail = 0;
            heads[i] = head;
            tails[i] = tail;
            if (head < tail) live = i;
            break;
          }
          case AT_LEAST_UNIT: {
            let oldest = accepts[i * CODES + code] === 0 ? -1 : bits[i]!;
            if (entering && oldest < 0) oldest = tick;
            bits[i] = oldest;
            entering = oldest >= 0 && tick - oldest >= min[i]! ? 1 : 0;
            if (oldest >= 0) live = i;
            break;
          }
          case START_UNIT:
            entering = entering && pos === 0 ? 1 : 0;
            break;
          case END_UNIT:
            entering = entering && (pos === n || (endsWithBreak && pos === n - 1)) ? 1 : 0;
            break;
        }
      }
      if (entering || pos >= n) {
        matcherSteps.count += steps;
        return entering === 1; // the last state was left: a match ends here
      }
      lastLive = live;
      if (anchoredStart && lastLive < 0) {
        matcherSteps.count += steps; // `^…` can no longer start
        return false;
      }
      if (lead !== '' && lastLive <= 0 && kind[0] === WORD_UNIT && bits[0] === 1) {
        // Only the first state holds an entry, this point's: no match starts before `lead` does.
        const next = text.indexOf(lead, pos);
        if (next < 0) {
          matcherSteps.count += steps;
          return false;
        }
        tick += next - pos; // counts code units, not characters: no counting state is alive
        pos = next;
      }
      let unit = text.charCodeAt(pos++);
      if (unit >= 128) {
        if (unit >= 0xd800 && unit <= 0xdbff && pos < n) {
          const low = text.charCodeAt(pos);
          if (low >= 0xdc00 && low <= 0xdfff) pos++;
        }
        unit = OTHER;
      }
      code = unit;
      tick++;
    }
  };
}
