/**
 * Parses a CloudWatch Logs filter pattern (CloudWatch Logs User Guide, "Filter pattern syntax for
 * metric filters, subscription filters, and filter log events") into a syntax tree.
 */
import type { Comparison, Field, FieldCondition, FilterPattern, JsonExpression, Needle, Step, StringValue, TermsPattern, Value } from './ast.js';
import { readRegex } from './regex.js';
import { Scanner } from './scanner.js';

export const MAX_PATTERN_LENGTH = 1024;
/** JSON patterns: one wildcard (`*`) per selector, three per pattern (the User Guide's quotas). */
export const MAX_SELECTOR_WILDCARDS = 1;
export const MAX_PATTERN_WILDCARDS = 3;

/** What the quotas count, across one pattern. */
interface Counts {
  regexes: number;
  wildcards: number;
}

export function parseFilterPattern(pattern: string): FilterPattern {
  const scanner = new Scanner(pattern);
  if (pattern.length > MAX_PATTERN_LENGTH) scanner.fail(`the pattern is ${pattern.length} characters long; CloudWatch Logs allows ${MAX_PATTERN_LENGTH}`, MAX_PATTERN_LENGTH);
  const counts: Counts = { regexes: 0, wildcards: 0 };
  scanner.skipSpaces();
  if (scanner.done) return { kind: 'all' };
  if (scanner.peek() === '{') return parseJson(scanner, counts);
  if (scanner.peek() === '[') return parseSpaceDelimited(scanner, counts);
  return parseTerms(scanner, counts);
}

// Unstructured terms ----------------------------------------------------------------------------

function parseTerms(scanner: Scanner, counts: Counts): FilterPattern {
  const pattern: TermsPattern = { kind: 'terms', required: [], optional: [], excluded: [] };
  let onlyBlankPhrases = true;
  while ((scanner.skipSpaces(), !scanner.done)) {
    const start = scanner.position;
    const prefix = scanner.peek() === '?' || scanner.peek() === '-' ? scanner.peek() : '';
    if (prefix) {
      scanner.position++;
      scanner.skipSpaces(); // "ERROR" - "Exiting" excludes Exiting
      if (scanner.done) scanner.fail(`expected a term after "${prefix}"`, start);
    }
    let needle: Needle;
    const char = scanner.peek();
    if (char === '"') {
      const text = scanner.quoted();
      if (text.trim() !== '' || prefix) onlyBlankPhrases = false;
      needle = { type: 'text', text };
    } else if (char === '%') {
      needle = { type: 'regex', regex: readRegex(scanner, counts) };
      onlyBlankPhrases = false;
    } else {
      const text = scanner.until((c) => /\s/.test(c) || c === '"');
      if (text === '') scanner.fail(`expected a term after "${prefix}"`, start);
      needle = { type: 'text', text };
      onlyBlankPhrases = false;
    }
    if (prefix === '?') pattern.optional.push(needle);
    else if (prefix === '-') pattern.excluded.push(needle);
    // A blank quoted phrase ("" or " ") constrains nothing.
    else if (!(needle.type === 'text' && needle.text.trim() === '')) pattern.required.push(needle);
  }
  return onlyBlankPhrases ? { kind: 'all' } : pattern;
}

// Values shared by JSON and space-delimited patterns ---------------------------------------------

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A string value: a `*` at either end is a wildcard, any other `*` the character itself. */
function stringValue(text: string): StringValue {
  const leading = text.startsWith('*');
  const trailing = text.length > 1 && text.endsWith('*');
  const core = text.slice(leading ? 1 : 0, trailing ? -1 : undefined);
  return { type: 'string', text, match: leading && trailing ? 'contains' : leading ? 'suffix' : trailing ? 'prefix' : 'equals', core };
}

function readComparison(scanner: Scanner): Comparison | undefined {
  scanner.skipSpaces();
  for (const op of ['!=', '<=', '>=', '=', '<', '>'] as const) if (scanner.accept(op)) return op;
  return undefined;
}

function readValue(scanner: Scanner, op: Comparison, counts: Counts, stop: (char: string) => boolean): Value {
  scanner.skipSpaces();
  const start = scanner.position;
  let value: Value;
  if (scanner.peek() === '"') {
    value = stringValue(scanner.quoted());
  } else if (scanner.peek() === '%') {
    value = { type: 'regex', regex: readRegex(scanner, counts) };
  } else {
    const text = scanner.until((c) => /\s/.test(c) || stop(c));
    if (text === '') scanner.fail(`expected a value after "${op}"`, start);
    value = NUMBER.test(text) ? { type: 'number', value: Number(text), text } : stringValue(text);
  }
  if (op !== '=' && op !== '!=' && value.type !== 'number') scanner.fail(`"${op}" compares numbers: expected a number`, start);
  return value;
}

// JSON -------------------------------------------------------------------------------------------

const JSON_STOP = (c: string) => c === ')' || c === '}' || c === '&' || c === '|';

function parseJson(scanner: Scanner, counts: Counts): FilterPattern {
  scanner.expect('{');
  const expression = parseOr(scanner, counts);
  scanner.expect('}', 'a closing "}" or && or ||');
  scanner.skipSpaces();
  if (!scanner.done) scanner.fail('unexpected text after the closing "}"');
  return { kind: 'json', expression };
}

function parseOr(scanner: Scanner, counts: Counts): JsonExpression {
  let left = parseAnd(scanner, counts);
  while (scanner.accept('||')) left = { type: 'or', left, right: parseAnd(scanner, counts) };
  return left;
}

function parseAnd(scanner: Scanner, counts: Counts): JsonExpression {
  let left = parseUnary(scanner, counts);
  while (scanner.accept('&&')) left = { type: 'and', left, right: parseUnary(scanner, counts) };
  return left;
}

function parseUnary(scanner: Scanner, counts: Counts): JsonExpression {
  if (scanner.accept('(')) {
    const inner = parseOr(scanner, counts);
    scanner.expect(')', 'a closing ")" or && or ||');
    return inner;
  }
  scanner.skipSpaces();
  if (scanner.peek() !== '$') scanner.fail('expected a selector starting with $, like $.level');
  const selector = parseSelector(scanner, counts);
  scanner.skipSpaces();
  if (scanner.startsWith('IS NOT')) scanner.fail('IS NOT is not supported: use IS NULL, IS TRUE, IS FALSE or NOT EXISTS');
  if (scanner.startsWith('EXISTS')) scanner.fail('EXISTS is not supported (only NOT EXISTS): to match a field with a value, use = *');
  for (const test of ['IS NULL', 'IS TRUE', 'IS FALSE', 'NOT EXISTS'] as const) {
    if (scanner.accept(test)) return { type: 'is', selector, test: test === 'NOT EXISTS' ? test : (test.slice(3) as 'NULL' | 'TRUE' | 'FALSE') };
  }
  const op = readComparison(scanner) ?? scanner.fail('expected =, !=, <, >, <=, >=, IS NULL, IS TRUE, IS FALSE or NOT EXISTS');
  return { type: 'compare', selector, op, value: readValue(scanner, op, counts, JSON_STOP) };
}

function parseSelector(scanner: Scanner, counts: Counts): Step[] {
  const start = scanner.position;
  scanner.position++; // $
  const steps: Step[] = [];
  for (;;) {
    const at = scanner.position;
    if (scanner.startsWith('.*')) {
      scanner.position += 2;
      steps.push({ type: 'any' });
    } else if (scanner.startsWith('.[') || scanner.peek() === '[') {
      if (scanner.peek() === '.') scanner.position++;
      scanner.position++; // [
      if (scanner.accept('*')) steps.push({ type: 'any' });
      else if (scanner.peek() === '"' || scanner.peek() === "'") steps.push({ type: 'key', key: quotedKey(scanner) });
      else {
        const digits = scanner.until((c) => !/[0-9]/.test(c));
        if (digits === '') scanner.fail('expected an array index, * or a quoted key inside [ ]', at);
        steps.push({ type: 'index', index: Number(digits) });
      }
      scanner.expect(']');
    } else if (scanner.peek() === '.') {
      scanner.position++;
      const key = scanner.until((c) => /[\s.[\]=!<>()&|}]/.test(c));
      if (key === '') scanner.fail('expected a property name after "."', at);
      steps.push({ type: 'key', key });
    } else {
      break;
    }
  }
  if (steps.length === 0) scanner.fail('expected a property after $, like $.level');
  const wildcards = steps.filter((step) => step.type === 'any').length;
  if (wildcards > MAX_SELECTOR_WILDCARDS) scanner.fail(`a selector may hold ${MAX_SELECTOR_WILDCARDS} wildcard (*) at most`, start);
  counts.wildcards += wildcards;
  if (counts.wildcards > MAX_PATTERN_WILDCARDS) scanner.fail(`a pattern may hold ${MAX_PATTERN_WILDCARDS} wildcard selectors at most`, start);
  return steps;
}

function quotedKey(scanner: Scanner): string {
  const quote = scanner.peek();
  const start = scanner.position;
  scanner.position++;
  const key = scanner.until((c) => c === quote);
  if (scanner.done) scanner.fail('unclosed quote', start);
  scanner.position++;
  return key;
}

// Space-delimited --------------------------------------------------------------------------------

const FIELD_STOP = (c: string) => c === ',' || c === ']' || c === '&' || c === '|';

function parseSpaceDelimited(scanner: Scanner, counts: Counts): FilterPattern {
  const open = scanner.position;
  scanner.position++; // [
  const fields: Field[] = [];
  const names = new Set<string>();
  scanner.skipSpaces();
  if (!scanner.accept(']')) {
    for (;;) {
      scanner.skipSpaces();
      if (scanner.done) scanner.fail('unclosed "[": expected "]"', open);
      const start = scanner.position;
      if (scanner.peek() === ',' || scanner.peek() === ']') {
        // An unnamed field: `[a,,b]`, or a trailing comma as in AWS's `[..., status_code=4*,]`.
        fields.push({ type: 'field', name: '' });
      } else if (scanner.accept('...')) {
        fields.push({ type: 'ellipsis' });
      } else {
        const name = scanner.until((c) => /[\s,\]=!<>&|]/.test(c));
        if (name === '') scanner.fail('expected a field name or ...');
        if (names.has(name)) scanner.fail(`the field name "${name}" is used twice`, start);
        names.add(name);
        const condition = parseFieldCondition(scanner, name, counts);
        fields.push(condition ? { type: 'field', name, condition } : { type: 'field', name });
      }
      scanner.skipSpaces();
      if (scanner.done) scanner.fail('unclosed "[": expected "]"', open);
      if (scanner.accept(']')) break;
      scanner.expect(',', '"," or "]"');
    }
  }
  scanner.skipSpaces();
  if (!scanner.done) scanner.fail('unexpected text after the closing "]"');
  return { kind: 'space-delimited', fields };
}

/**
 * `= 4*`, `!= 404 && status != 500`, `> 100 || size < 10`: conditions on one field, && binding
 * tighter than ||.
 */
function parseFieldCondition(scanner: Scanner, name: string, counts: Counts): FieldCondition | undefined {
  const first = readComparison(scanner);
  if (!first) return undefined;
  const compare = (op: Comparison): FieldCondition => ({ type: 'compare', op, value: readValue(scanner, op, counts, FIELD_STOP) });
  const next = (): FieldCondition => {
    scanner.skipSpaces();
    const at = scanner.position;
    const other = scanner.until((c) => /[\s,\]=!<>&|]/.test(c));
    if (other !== name) scanner.fail(`a condition inside field "${name}" can only test "${name}"`, at);
    return compare(readComparison(scanner) ?? scanner.fail('expected =, !=, <, >, <= or >='));
  };
  let any: FieldCondition | undefined;
  let all = compare(first);
  for (;;) {
    if (scanner.accept('&&')) all = { type: 'and', left: all, right: next() };
    else if (scanner.accept('||')) {
      any = any ? { type: 'or', left: any, right: all } : all;
      all = next();
    } else return any ? { type: 'or', left: any, right: all } : all;
  }
}
