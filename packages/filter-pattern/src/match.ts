/**
 * Compiles a parsed filter pattern into a function that tells whether a log event's message
 * matches, as CloudWatch Logs decides it. Parse once, match many. Every part runs in time linear
 * in the message for a given pattern: text terms are substring searches, `*` wildcards are
 * prefix, suffix or substring tests, `%regex%` runs on the automaton of automaton.ts, JSON is
 * parsed once, the tokenizer reads each character at most once per pass and per closer it looks
 * for, and space-delimited fields are aligned with `...` by dynamic programming over
 * (pattern field, event field) cells, each visited once.
 */
import type { Comparison, FieldCondition, FilterPattern, JsonExpression, MatchResult, Needle, SpaceDelimitedPattern, Step, StringValue, TermsPattern, Value } from './ast.js';
import { anyOf, compileRegex, type TextTest } from './automaton.js';
import { parseFilterPattern } from './parse.js';
import { matcherSteps } from './steps.js';

export type Matcher = (message: string) => MatchResult;

const MATCHED: MatchResult = Object.freeze({ matched: true });
const NOT_MATCHED: MatchResult = Object.freeze({ matched: false });
const result = (matched: boolean) => (matched ? MATCHED : NOT_MATCHED);

export function compileFilterPattern(pattern: string | FilterPattern): Matcher {
  const ast = typeof pattern === 'string' ? parseFilterPattern(pattern) : pattern;
  switch (ast.kind) {
    case 'all':
      return () => MATCHED;
    case 'terms':
      return compileTerms(ast);
    case 'json': {
      const test = compileJson(ast.expression);
      return (message) => {
        if (!startsLikeJson(message)) return NOT_MATCHED;
        // JSON.parse reads the line once; V8's parser is iterative (a million levels parse), so
        // nesting depth neither stops nor slows it. Each selector then walks down from the root,
        // one level per step, and never past the selector's last step.
        matcherSteps.count += message.length;
        let document: unknown;
        try {
          document = JSON.parse(message);
        } catch {
          return NOT_MATCHED;
        }
        return result(test(document));
      };
    }
    case 'space-delimited':
      return compileSpaceDelimited(ast);
  }
}

export function matchFilterPattern(pattern: string | FilterPattern, message: string): MatchResult {
  return compileFilterPattern(pattern)(message);
}

// Terms ------------------------------------------------------------------------------------------

// Compiled to closures without per-message allocation: the benchmark compares these with a bare
// String.prototype.includes.
function predicate(needle: Needle): TextTest {
  if (needle.type === 'regex') return compileRegex(needle.regex);
  const { text } = needle;
  return (message) => message.includes(text);
}

function allOf(tests: readonly TextTest[]): TextTest {
  if (tests.length === 0) return () => true;
  if (tests.length === 1) return tests[0]!;
  if (tests.length === 2) {
    const [first, second] = tests as [TextTest, TextTest];
    return (message) => first(message) && second(message);
  }
  return (message) => {
    for (const test of tests) if (!test(message)) return false;
    return true;
  };
}

function compileTerms({ required, optional, excluded }: TermsPattern): Matcher {
  // `?` terms count only when they stand alone; next to other terms CloudWatch Logs ignores them.
  if (required.length === 0 && excluded.length === 0) {
    const any = anyOf(optional.map(predicate));
    return (message) => result(any(message));
  }
  const all = allOf(required.map(predicate));
  if (excluded.length === 0) return (message) => result(all(message));
  const none = anyOf(excluded.map(predicate));
  return (message) => result(all(message) && !none(message));
}

// Values -----------------------------------------------------------------------------------------

function textTest({ match, core }: StringValue): TextTest {
  switch (match) {
    case 'equals':
      return (text) => text === core;
    case 'prefix':
      return (text) => text.startsWith(core);
    case 'suffix':
      return (text) => text.endsWith(core);
    case 'contains':
      return (text) => text.includes(core);
  }
}

const NUMERIC: Record<Comparison, (a: number, b: number) => boolean> = {
  '=': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '<': (a, b) => a < b,
  '>': (a, b) => a > b,
  '<=': (a, b) => a <= b,
  '>=': (a, b) => a >= b,
};

/**
 * How a literal compares with a value node: a JSON string or number, or a space-delimited field's
 * text. Numbers compare by value (a numeric text counts as its number); strings, wildcards and
 * regular expressions by text (a JSON number by its text). Objects, arrays, booleans and null
 * never compare: CloudWatch Logs only applies comparisons to value nodes.
 */
function compileValue(op: Comparison, value: Value): (actual: unknown) => boolean {
  if (value.type === 'number') {
    const n = value.value;
    const compare = NUMERIC[op];
    return (actual) => {
      const number = typeof actual === 'number' ? actual : typeof actual === 'string' && actual.trim() !== '' ? Number(actual) : Number.NaN;
      return !Number.isNaN(number) && compare(number, n);
    };
  }
  const test = value.type === 'regex' ? compileRegex(value.regex) : textTest(value);
  const text = (actual: unknown) => (typeof actual === 'string' ? actual : typeof actual === 'number' ? String(actual) : undefined);
  return op === '!='
    ? (actual) => {
        const t = text(actual);
        return t !== undefined && !test(t);
      }
    : (actual) => {
        const t = text(actual);
        return t !== undefined && test(t);
      };
}

// JSON -------------------------------------------------------------------------------------------

function startsLikeJson(message: string): boolean {
  for (let i = 0; i < message.length; i++) {
    const code = message.charCodeAt(i);
    if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) continue;
    return code === 0x7b || code === 0x5b; // { or [
  }
  return false;
}

function compileJson(expression: JsonExpression): (document: unknown) => boolean {
  switch (expression.type) {
    case 'and': {
      const left = compileJson(expression.left);
      const right = compileJson(expression.right);
      return (d) => left(d) && right(d);
    }
    case 'or': {
      const left = compileJson(expression.left);
      const right = compileJson(expression.right);
      return (d) => left(d) || right(d);
    }
    case 'is': {
      const { selector, test } = expression;
      if (test === 'NOT EXISTS') return (d) => select(d, selector).length === 0;
      const expected = test === 'NULL' ? null : test === 'TRUE';
      return (d) => select(d, selector).some((v) => v === expected);
    }
    case 'compare': {
      const { selector } = expression;
      const test = compileValue(expression.op, expression.value);
      return (d) => select(d, selector).some(test);
    }
  }
}

/** The values a selector reaches (several through a wildcard; none when a step is missing). */
function select(document: unknown, steps: readonly Step[]): unknown[] {
  let current: unknown[] = [document];
  let visited = 0;
  for (const step of steps) {
    const next: unknown[] = [];
    visited += current.length;
    for (const value of current) {
      if (typeof value !== 'object' || value === null) continue;
      if (step.type === 'any') {
        // One push at a time: spreading a large array or object into push() passes each value as
        // an argument, and past some hundred thousand of them throws a RangeError.
        for (const child of Object.values(value)) next.push(child);
      } else if (step.type === 'index') {
        if (Array.isArray(value) && step.index < value.length) next.push(value[step.index]);
      } else if (!Array.isArray(value) && Object.hasOwn(value, step.key)) next.push((value as Record<string, unknown>)[step.key]);
    }
    current = next;
  }
  matcherSteps.count += visited;
  return current;
}

// Space-delimited --------------------------------------------------------------------------------

/** A log line's fields: runs of non-spaces, `"quoted"` and `[bracketed]` groups each counting as one. */
export function splitFields(message: string): string[] {
  const values: string[] = [];
  tokenize(message, values, -1);
  return values;
}

/**
 * Fills `values` with the fields of `message`, stopping after `limit` of them; returns where field
 * `startOf` begins (-1 if none does). Each character is read at most three times: by the pass over
 * the line and by at most one search for each closer. A search's answer is kept until the pass goes
 * beyond it: the first `]` after one position is the first after any later position up to it, and
 * when none follows one position, none follows a later one. Searching afresh at every opener
 * instead made a line of unclosed brackets (`[a [a [a …`) take time quadratic in its length.
 */
function tokenize(message: string, values: string[], startOf: number, limit = Infinity): number {
  values.length = 0;
  let start = -1;
  const n = message.length;
  // Characters read by the searches for closers (the pass adds where it stopped).
  let searched = 0;
  // The first `"` and `]` the last search for each found (-1: none to the end of the line), and
  // where a new search would have to start (past what the last one read).
  let quote = -1;
  let quoteFrom = 0;
  let close = -1;
  let closeFrom = 0;
  let i = 0;
  while (i < n && values.length < limit) {
    let code = message.charCodeAt(i);
    if (code === 0x20 || code === 0x09) {
      i++;
      continue;
    }
    if (values.length === startOf) start = i;
    if (code === 0x22 || code === 0x5b) {
      let end: number;
      if (code === 0x22) {
        if (i + 1 >= quoteFrom) {
          quote = message.indexOf('"', i + 1);
          quoteFrom = quote === -1 ? n : quote + 1;
          searched += quoteFrom - (i + 1);
        }
        end = quote;
      } else {
        if (i + 1 >= closeFrom) {
          close = message.indexOf(']', i + 1);
          closeFrom = close === -1 ? n : close + 1;
          searched += closeFrom - (i + 1);
        }
        end = close;
      }
      if (end !== -1) {
        values.push(message.slice(i + 1, end));
        i = end + 1;
        continue;
      }
    }
    const first = i;
    while (i < n && (code = message.charCodeAt(i)) !== 0x20 && code !== 0x09) i++;
    values.push(message.slice(first, i));
  }
  matcherSteps.count += i + searched;
  return start;
}

function compileCondition(condition: FieldCondition): (field: string) => boolean {
  if (condition.type === 'compare') return compileValue(condition.op, condition.value);
  const left = compileCondition(condition.left);
  const right = compileCondition(condition.right);
  return condition.type === 'and' ? (f) => left(f) && right(f) : (f) => left(f) || right(f);
}

const always = () => true;

/**
 * Fields align with the event's fields one to one, `...` taking any number of them. Without an
 * ellipsis, an event with more fields than the pattern gives the rest of the line to the last
 * field (`[w1=ERROR, w2]` matches every line whose first word is ERROR); one with fewer fields
 * does not match. `[]` matches every event.
 */
function compileSpaceDelimited(pattern: SpaceDelimitedPattern): Matcher {
  const fields = pattern.fields.length === 0 ? [{ type: 'ellipsis' } as const] : pattern.fields;
  const count = fields.length;
  const isEllipsis = Uint8Array.from(fields, (field) => (field.type === 'ellipsis' ? 1 : 0));
  // `$name` for named fields; '' for the others, extracted by position.
  const keys = fields.map((field) => (field.type === 'field' && field.name !== '' ? `$${field.name}` : ''));
  const positions: string[] = [];
  const tests = fields.map((field) => (field.type === 'field' && field.condition ? compileCondition(field.condition) : always));
  const hasEllipsis = isEllipsis.includes(1);
  const values: string[] = [];
  // Which pattern field took each event field (-1: an ellipsis did), reused from line to line.
  let owner = new Int32Array(16);
  let cells = new Uint8Array(64);

  const extract = (fieldCount: number): MatchResult => {
    const extractedFields: Record<string, string> = {};
    for (let v = 0; v < fieldCount; v++) {
      const key = owner[v]! >= 0 ? keys[owner[v]!]! : '';
      extractedFields[key === '' ? (positions[v] ??= `$${v + 1}`) : key] = values[v]!;
    }
    return { matched: true, extractedFields };
  };

  if (!hasEllipsis) {
    return (message) => {
      // One field past the pattern's is enough to know the last field takes the rest of the line.
      const restStart = tokenize(message, values, count - 1, count + 1);
      const available = values.length;
      if (available < count) return NOT_MATCHED;
      if (available > count) values[count - 1] = message.slice(restStart, message.trimEnd().length);
      for (let f = 0; f < count; f++) if (!tests[f]!(values[f]!)) return NOT_MATCHED;
      if (owner.length < count) owner = new Int32Array(count);
      for (let f = 0; f < count; f++) owner[f] = f;
      return extract(count);
    };
  }

  return (message) => {
    tokenize(message, values, -1);
    const V = values.length;
    const width = V + 1;
    // cells[f * width + v]: pattern fields f… can take exactly the event fields v….
    if (cells.length < (count + 1) * width) cells = new Uint8Array((count + 1) * width * 2);
    if (owner.length < V) owner = new Int32Array(V * 2);
    cells.fill(0, 0, (count + 1) * width);
    cells[count * width + V] = 1;
    for (let f = count - 1; f >= 0; f--) {
      const row = f * width;
      const below = row + width;
      if (isEllipsis[f]) {
        let any = 0;
        for (let v = V; v >= 0; v--) {
          any |= cells[below + v]!;
          cells[row + v] = any;
        }
      } else {
        const test = tests[f]!;
        for (let v = 0; v < V; v++) if (cells[below + v + 1] && test(values[v]!)) cells[row + v] = 1;
      }
    }
    matcherSteps.count += (count + 1) * width;
    if (!cells[0]) return NOT_MATCHED;
    // Walk the alignment found, each ellipsis taking as few fields as it can.
    let v = 0;
    for (let f = 0; f < count; f++) {
      const below = (f + 1) * width;
      if (isEllipsis[f]) {
        while (!cells[below + v]) owner[v++] = -1;
      } else {
        owner[v++] = f;
      }
    }
    return extract(V);
  };
}
