/**
 * Compiles a parsed filter pattern into a function that tells whether a log event's message
 * matches, as CloudWatch Logs decides it. Parse once, match many.
 */
import type { Comparison, FieldCondition, FilterPattern, JsonExpression, MatchResult, Needle, SpaceDelimitedPattern, Step, Value } from './ast.js';
import { parseFilterPattern } from './parse.js';

export type Matcher = (message: string) => MatchResult;

const MATCHED: MatchResult = Object.freeze({ matched: true });
const NOT_MATCHED: MatchResult = Object.freeze({ matched: false });
const result = (matched: boolean) => (matched ? MATCHED : NOT_MATCHED);

export function compileFilterPattern(pattern: string | FilterPattern): Matcher {
  const ast = typeof pattern === 'string' ? parseFilterPattern(pattern) : pattern;
  switch (ast.kind) {
    case 'all':
      return () => MATCHED;
    case 'terms': {
      const required = allOf(ast.required);
      if (ast.groups.length === 0 && ast.excluded.length === 0) return (message) => (required(message) ? MATCHED : NOT_MATCHED);
      const anyGroup = ast.groups.length === 0 ? undefined : anyOf(ast.groups.map(allOf));
      const excluded = ast.excluded.length === 0 ? undefined : anyOf(ast.excluded.map(predicate));
      return (message) => result(required(message) && (anyGroup === undefined || anyGroup(message)) && (excluded === undefined || !excluded(message)));
    }
    case 'json': {
      const test = compileJson(ast.expression);
      return (message) => {
        const trimmed = message.trimStart();
        if (trimmed[0] !== '{' && trimmed[0] !== '[') return NOT_MATCHED;
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

type Predicate = (message: string) => boolean;

// Compiled to closures without per-message allocation: the benchmark compares these with a bare
// String.prototype.includes.
function predicate(needle: Needle): Predicate {
  if (needle.type === 'regex') {
    const { regex } = needle;
    return (message) => regex.test(message);
  }
  const { text } = needle;
  return (message) => message.includes(text);
}

function allOf(needles: readonly Needle[]): Predicate {
  const tests = needles.map(predicate);
  if (tests.length === 0) return () => true;
  if (tests.length === 1) return tests[0]!;
  return (message) => {
    for (const test of tests) if (!test(message)) return false;
    return true;
  };
}

function anyOf(tests: readonly Predicate[]): Predicate {
  if (tests.length === 1) return tests[0]!;
  return (message) => {
    for (const test of tests) if (test(message)) return true;
    return false;
  };
}

// Values -----------------------------------------------------------------------------------------

/** A `*` wildcard string as an anchored regular expression. */
function wildcard(text: string): RegExp {
  return new RegExp(`^${text.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
}

/** How a literal compares with a field's value (a JSON value, or a space-delimited field's text). */
function compileValue(op: Comparison, value: Value): (actual: unknown) => boolean {
  if (value.type === 'number') {
    const n = value.value;
    const compare: Record<string, (a: number) => boolean> = {
      '=': (a) => a === n,
      '!=': (a) => a !== n,
      '<': (a) => a < n,
      '>': (a) => a > n,
      '<=': (a) => a <= n,
      '>=': (a) => a >= n,
    };
    const test = compare[op]!;
    return (actual) => {
      const number = typeof actual === 'number' ? actual : typeof actual === 'string' && actual.trim() !== '' ? Number(actual) : Number.NaN;
      return !Number.isNaN(number) && test(number);
    };
  }
  const equals =
    value.type === 'regex'
      ? (text: string) => value.regex.test(text)
      : value.wildcard
        ? ((re) => (text: string) => re.test(text))(wildcard(value.text))
        : (text: string) => text === value.text;
  return op === '!=' ? (actual) => typeof actual === 'string' && !equals(actual) : (actual) => typeof actual === 'string' && equals(actual);
}

// JSON -------------------------------------------------------------------------------------------

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

/** The values a selector reaches (several through wildcards; none when a step is missing). */
function select(document: unknown, steps: readonly Step[]): unknown[] {
  let current: unknown[] = [document];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const value of current) {
      if (typeof value !== 'object' || value === null) continue;
      if (step.type === 'any') next.push(...Object.values(value));
      else if (step.type === 'index') {
        if (Array.isArray(value) && step.index < value.length) next.push(value[step.index]);
      } else if (!Array.isArray(value) && Object.hasOwn(value, step.key)) next.push((value as Record<string, unknown>)[step.key]);
    }
    current = next;
  }
  return current;
}

// Space-delimited --------------------------------------------------------------------------------

/** A log line's fields: runs of non-spaces, `"quoted"` and `[bracketed]` groups each counting as one. */
export function splitFields(message: string): string[] {
  const fields: string[] = [];
  let i = 0;
  const n = message.length;
  while (i < n) {
    while (i < n && (message[i] === ' ' || message[i] === '\t')) i++;
    if (i >= n) break;
    const open = message[i];
    const close = open === '"' ? '"' : open === '[' ? ']' : undefined;
    if (close) {
      const end = message.indexOf(close, i + 1);
      if (end !== -1) {
        fields.push(message.slice(i + 1, end));
        i = end + 1;
        continue;
      }
    }
    const start = i;
    while (i < n && message[i] !== ' ' && message[i] !== '\t') i++;
    fields.push(message.slice(start, i));
  }
  return fields;
}

function compileCondition(condition: FieldCondition): (field: string) => boolean {
  if (condition.type === 'compare') return compileValue(condition.op, condition.value);
  const left = compileCondition(condition.left);
  const right = compileCondition(condition.right);
  return condition.type === 'and' ? (f) => left(f) && right(f) : (f) => left(f) || right(f);
}

function compileSpaceDelimited({ fields }: SpaceDelimitedPattern): Matcher {
  const compiled = fields.map((field) => (field.type === 'ellipsis' ? undefined : { name: field.name, test: field.condition ? compileCondition(field.condition) : () => true }));
  const hasEllipsis = compiled.includes(undefined);
  const tests = compiled.map((field) => field?.test ?? (() => true));
  return (message) => {
    const values = splitFields(message);
    let assignment: Array<number | undefined> | undefined;
    if (hasEllipsis) {
      assignment = align(compiled, values);
      if (!assignment) return NOT_MATCHED;
    } else {
      // Without an ellipsis field i takes value i: no search needed.
      if (values.length !== tests.length) return NOT_MATCHED;
      for (let i = 0; i < tests.length; i++) if (!tests[i]!(values[i]!)) return NOT_MATCHED;
      assignment = values.map((_, i) => i);
    }
    const extractedFields: Record<string, string> = {};
    compiled.forEach((field, i) => {
      const index = assignment[i];
      if (field && index !== undefined) {
        extractedFields[`$${field.name}`] = values[index]!;
        extractedFields[`$${i + 1}`] = values[index]!;
      }
    });
    return { matched: true, extractedFields };
  };
}

/**
 * Which value each pattern field takes (an ellipsis takes any number of values), or undefined when
 * no alignment satisfies every condition. Memoised over (field, value) positions: O(fields × values).
 */
function align(fields: ReadonlyArray<{ test: (v: string) => boolean } | undefined>, values: readonly string[]): Array<number | undefined> | undefined {
  const failed = new Set<number>();
  const taken: Array<number | undefined> = [];
  const visit = (f: number, v: number): boolean => {
    if (f === fields.length) return v === values.length;
    const key = f * (values.length + 1) + v;
    if (failed.has(key)) return false;
    const field = fields[f];
    if (field === undefined) {
      for (let skip = v; skip <= values.length; skip++) if (visit(f + 1, skip)) return true;
    } else if (v < values.length && field.test(values[v]!)) {
      taken[f] = v;
      if (visit(f + 1, v + 1)) return true;
    }
    failed.add(key);
    return false;
  };
  return visit(0, 0) ? taken : undefined;
}
