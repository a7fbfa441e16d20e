/**
 * `%…%` regular expressions, in the subset CloudWatch Logs accepts ("Supported regular expressions
 * (regex) syntax"): letters, digits, spaces, the symbols : _ # = @ / ; , - and the operators
 * ^ $ ? [ ] { } | \ * + . — no parentheses, so no groups, lookarounds or back-references; no
 * multi-byte characters; at most two per pattern. Every expression of this subset is a choice of
 * branches, each a sequence of single-character sets with repeat counts and anchors: parsed into
 * that shape here, it runs on the non-backtracking automaton of automaton.ts.
 */
import { Scanner } from './scanner.js';

export const MAX_REGEXES = 2;

/** A set of characters: the ASCII ones as 128 bits (four 32-bit words), and whether it holds every non-ASCII character. */
export interface CharSet {
  bits: [number, number, number, number];
  other: boolean;
}

/** One step of a branch: a character set repeated `min` to `max` times (max may be Infinity), or an anchor. */
export type RegexAtom = { type: 'set'; set: CharSet; min: number; max: number } | { type: 'start' } | { type: 'end' };

export interface Regex {
  /** The text between the two `%`, as written. */
  source: string;
  /** The alternatives of `|`; the expression matches where any branch does. */
  branches: RegexAtom[][];
}

// Character sets ---------------------------------------------------------------------------------

export function emptySet(): CharSet {
  return { bits: [0, 0, 0, 0], other: false };
}

function addRange(set: CharSet, from: number, to: number): CharSet {
  for (let code = from; code <= to; code++) set.bits[code >> 5]! |= 1 << (code & 31);
  return set;
}

function addChars(set: CharSet, chars: string): CharSet {
  for (const char of chars) addRange(set, char.charCodeAt(0), char.charCodeAt(0));
  return set;
}

function union(into: CharSet, from: CharSet): CharSet {
  for (let i = 0; i < 4; i++) into.bits[i]! |= from.bits[i]!;
  into.other ||= from.other;
  return into;
}

function complement(set: CharSet): CharSet {
  return { bits: set.bits.map((word) => ~word) as CharSet['bits'], other: !set.other };
}

export function hasChar(set: CharSet, code: number): boolean {
  return code < 128 ? (set.bits[code >> 5]! & (1 << (code & 31))) !== 0 : set.other;
}

/** The single ASCII character a set holds, or undefined when it holds none or several. */
export function singleChar(set: CharSet): string | undefined {
  if (set.other) return undefined;
  let found: number | undefined;
  for (let code = 0; code < 128; code++) {
    if (!hasChar(set, code)) continue;
    if (found !== undefined) return undefined;
    found = code;
  }
  return found === undefined ? undefined : String.fromCharCode(found);
}

const DIGIT = () => addRange(emptySet(), 0x30, 0x39);
const WORD = () => addChars(addRange(addRange(DIGIT(), 0x41, 0x5a), 0x61, 0x7a), '_');
const SPACE = () => addChars(emptySet(), ' \t\n\v\f\r');
/** `.`: any character but a line break. */
const DOT = () => complement(addChars(emptySet(), '\n\r'));

const NAMED_SETS: Record<string, () => CharSet> = {
  d: DIGIT,
  D: () => complement(DIGIT()),
  w: WORD,
  W: () => complement(WORD()),
  s: SPACE,
  S: () => complement(SPACE()),
};
const CONTROL_ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f', v: '\v' };

/** Characters a regex may hold as themselves (outside a class; inside one, the operators too). */
const LITERAL = /[A-Za-z0-9:_#=@/;, -]/;
const OPERATORS = '^$?[]{}|\\*+.';

// Parsing ----------------------------------------------------------------------------------------

/** Reads `%…%`, the scanner at the opening `%`. `\%` stands for a literal `%`. */
export function readRegex(scanner: Scanner, counts: { regexes: number }): Regex {
  const start = scanner.position;
  scanner.position++; // %
  const branches: RegexAtom[][] = [[]];
  // Per atom of the current branch: 0 no repeat yet, 1 repeated, 2 repeated and made lazy (`*?`).
  let repeats: number[] = [];
  for (;;) {
    if (scanner.done) scanner.fail('unclosed regular expression (expected a closing %)', start);
    const at = scanner.position;
    const char = scanner.peek();
    if (char === '%') break;
    const branch = branches.at(-1)!;
    if (char === '|') {
      scanner.position++;
      branches.push([]);
      repeats = [];
    } else if (char === '*' || char === '+' || char === '?' || char === '{') {
      const last = branch.at(-1);
      const state = repeats.at(-1) ?? 0;
      if (char === '?' && state === 1) {
        // A lazy quantifier (`a*?`) finds the same lines as a greedy one.
        scanner.position++;
        repeats[repeats.length - 1] = 2;
        continue;
      }
      if (last === undefined || last.type !== 'set') scanner.fail(`"${char}" has nothing to repeat before it`, at);
      if (state !== 0) scanner.fail(`"${char}" cannot repeat a repeat; write one quantifier per character or class`, at);
      const [min, max] = char === '{' ? readCount(scanner) : (scanner.position++, char === '*' ? [0, Infinity] : char === '+' ? [1, Infinity] : [0, 1]);
      last.min = min;
      last.max = max;
      repeats[repeats.length - 1] = 1;
    } else {
      scanner.position++;
      let atom: RegexAtom;
      if (char === '^') atom = { type: 'start' };
      else if (char === '$') atom = { type: 'end' };
      else if (char === '.') atom = { type: 'set', set: DOT(), min: 1, max: 1 };
      else if (char === '[') atom = { type: 'set', set: readClass(scanner, at), min: 1, max: 1 };
      else if (char === '\\') atom = { type: 'set', set: readEscape(scanner, at, false), min: 1, max: 1 };
      else atom = { type: 'set', set: literal(scanner, char, at, false), min: 1, max: 1 };
      branch.push(atom);
      repeats.push(0);
    }
  }
  const source = scanner.text.slice(start + 1, scanner.position);
  scanner.position++; // the closing %
  if (source === '') scanner.fail('empty regular expression', start);
  if (++counts.regexes > MAX_REGEXES) scanner.fail(`more than ${MAX_REGEXES} regular expressions in one pattern`, start);
  return { source, branches };
}

/** Parses a regular expression given without its `%` delimiters; throws FilterPatternError. */
export function parseRegex(source: string): Regex {
  const scanner = new Scanner(`%${source}%`);
  const regex = readRegex(scanner, { regexes: 0 });
  if (!scanner.done) scanner.fail('unexpected % inside the regular expression (write \\% for the character)');
  return regex;
}

function literal(scanner: Scanner, char: string, at: number, inClass: boolean): CharSet {
  if (char === '(' || char === ')') scanner.fail('parentheses (subpatterns) are not supported in regular expressions', at);
  if (LITERAL.test(char) || (inClass ? OPERATORS.includes(char) : char === ']' || char === '}')) return addChars(emptySet(), char);
  const shown = /[\x21-\x7e]/.test(char) ? `"${char}"` : `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return scanner.fail(`${shown} is not supported in regular expressions${char.charCodeAt(0) > 0x7f ? ' (multi-byte characters are not)' : ''}`, at);
}

/** After a backslash (the scanner past it): a named set, a control character, \xhh or an escaped symbol. */
function readEscape(scanner: Scanner, at: number, inClass: boolean): CharSet {
  const next = scanner.peek();
  if (next === '') scanner.fail('a regular expression cannot end with \\', at);
  scanner.position++;
  const named = NAMED_SETS[next];
  if (named) return named();
  const control = CONTROL_ESCAPES[next];
  if (control) return addChars(emptySet(), control);
  if (next === 'x') {
    const hex = scanner.text.slice(scanner.position, scanner.position + 2);
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) scanner.fail('\\x takes two hexadecimal digits, like \\x3A', at);
    const code = Number.parseInt(hex, 16);
    if (code > 0x7f) scanner.fail(`\\x${hex} is not an ASCII character; use \\x00 to \\x7F`, at);
    scanner.position += 2;
    return addRange(emptySet(), code, code);
  }
  if (/[0-9]/.test(next)) scanner.fail('backreferences are not supported in regular expressions', at);
  if (next === '(' || next === ')') scanner.fail('parentheses (subpatterns) are not supported in regular expressions', at + 1);
  if (/[A-Za-z]/.test(next)) scanner.fail(`\\${next} is not supported in regular expressions (use \\d \\D \\s \\S \\w \\W \\xhh \\t \\n \\r \\f \\v, or \\ before a symbol)`, at);
  if (next.charCodeAt(0) > 0x7e || next.charCodeAt(0) < 0x20) return literal(scanner, next, at + 1, inClass);
  return addChars(emptySet(), next); // an escaped symbol stands for itself
}

/** `[abc]`, `[a-z]`, `[^0-9]`, `[\d.]`: the scanner past the `[`. A `]` right after `[` or `[^` is literal. */
function readClass(scanner: Scanner, open: number): CharSet {
  const negated = scanner.peek() === '^';
  if (negated) scanner.position++;
  const set = emptySet();
  let first = true;
  for (;;) {
    if (scanner.done || scanner.peek() === '%') scanner.fail('unterminated character class (expected "]")', open);
    const at = scanner.position;
    const char = scanner.peek();
    if (char === ']' && !first) {
      scanner.position++;
      break;
    }
    first = false;
    scanner.position++;
    const item = char === '\\' ? readEscape(scanner, at, true) : literal(scanner, char, at, true);
    const low = singleChar(item);
    if (low !== undefined && scanner.peek() === '-' && scanner.peek(1) !== ']' && scanner.peek(1) !== '' && scanner.peek(1) !== '%') {
      scanner.position++; // -
      const endAt = scanner.position;
      const endChar = scanner.peek();
      scanner.position++;
      const high = singleChar(endChar === '\\' ? readEscape(scanner, endAt, true) : literal(scanner, endChar, endAt, true));
      if (high === undefined) scanner.fail('a range must end with a single character', endAt);
      if (high < low) scanner.fail(`the range ${low}-${high} is backwards (write ${high}-${low})`, at);
      addRange(set, low.charCodeAt(0), high.charCodeAt(0));
    } else {
      union(set, item);
    }
  }
  return negated ? complement(set) : set;
}

/** `{m}`, `{m,}`, `{,n}` or `{m,n}`: the scanner at the `{`. */
function readCount(scanner: Scanner): [number, number] {
  const at = scanner.position;
  const match = /^\{(\d*)(,?)(\d*)\}/.exec(scanner.text.slice(at, at + 24));
  if (!match || (match[1] === '' && match[3] === '') || (match[2] === '' && match[3] !== '')) {
    scanner.fail('"{" starts a repeat count: {m}, {m,}, {,n} or {m,n} (write \\{ for the character)', at);
  }
  const min = match[1] === '' ? 0 : Number(match[1]);
  const max = match[2] === '' ? min : match[3] === '' ? Infinity : Number(match[3]);
  if (max < min) scanner.fail(`the repeat count {${match[1]},${match[3]}} has its minimum above its maximum`, at);
  if (min > 2 ** 31 - 1 || (max !== Infinity && max > 2 ** 31 - 1)) scanner.fail('the repeat count is too large', at);
  scanner.position += match[0].length;
  return [min, max];
}
