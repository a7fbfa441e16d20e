/**
 * Example log lines for a filter pattern: one it forwards and one it drops, for the generated
 * project's tests (test/fixtures/log-lines.json). Derived from the syntax tree and then checked
 * with the matcher, so a derived line is never wrong; undefined when the pattern is too intricate.
 */
import type { CharSet, FieldCondition, FilterPattern, JsonExpression, Needle, Regex, Step, Value } from '@log-lambda/filter-pattern';
import { compileFilterPattern, compileRegex, hasChar, parseFilterPattern, parseRegex } from '@log-lambda/filter-pattern';

export interface LogLines {
  forwarded: string[];
  dropped: string[];
}

const UNRELATED = ['an unrelated log line', '{"unrelated":true}', '-'];

export function sampleLogLines(pattern: string, forwarded = forwardedLine(pattern)): LogLines {
  const matches = compileFilterPattern(pattern);
  return {
    forwarded: forwarded !== undefined && matches(forwarded).matched ? [forwarded] : [],
    dropped: UNRELATED.filter((line) => !matches(line).matched).slice(0, 1),
  };
}

/** Whether the pattern forwards `line`. */
export function forwards(pattern: string, line: string): boolean {
  return compileFilterPattern(pattern)(line).matched;
}

/** A log line the pattern forwards, or undefined when none could be derived. */
export function forwardedLine(pattern: string): string | undefined {
  let ast: FilterPattern;
  try {
    ast = parseFilterPattern(pattern);
  } catch {
    return undefined;
  }
  const line = derive(ast);
  return line !== undefined && compileFilterPattern(ast)(line).matched ? line : undefined;
}

function derive(ast: FilterPattern): string | undefined {
  switch (ast.kind) {
    case 'all':
      return 'a sample log line';
    case 'terms': {
      // `?` terms count only when the pattern has no other term.
      const optional = ast.required.length === 0 && ast.excluded.length === 0 ? ast.optional.slice(0, 1) : [];
      const parts = [...ast.required, ...optional].map(needleExample);
      return parts.includes(undefined) ? undefined : parts.join(' ') || 'a sample log line';
    }
    case 'json': {
      const document: Record<string, unknown> = {};
      return satisfy(ast.expression, document) ? JSON.stringify(document) : undefined;
    }
    case 'space-delimited': {
      const fields = ast.fields.map((field) => (field.type === 'ellipsis' ? [] : [field.condition ? conditionExample(field.condition) : field.name || 'x']));
      const flat = fields.flat();
      if (flat.includes(undefined)) return undefined;
      return (flat as string[]).map((value) => (/\s/.test(value) || value === '' ? `"${value}"` : value)).join(' ');
    }
  }
}

function needleExample(needle: Needle): string | undefined {
  return needle.type === 'text' ? needle.text : regexExample(needle.regex);
}

function valueExample(op: string, value: Value): string | number | undefined {
  if (value.type === 'number') {
    const n = value.value;
    return { '=': n, '!=': n + 1, '<': n - 1, '>': n + 1, '<=': n, '>=': n }[op];
  }
  if (value.type === 'regex') return regexExample(value.regex);
  const text = value.match === 'equals' ? value.text : value.core;
  return op === '!=' ? `not-${text}` : text;
}

function conditionExample(condition: FieldCondition): string | undefined {
  // Of `a && b` or `a || b`, the first comparison: the matcher's check catches a line that misses b.
  if (condition.type !== 'compare') return conditionExample(condition.left);
  const value = valueExample(condition.op, condition.value);
  return value === undefined ? undefined : String(value);
}

/** Fills `document` so that `expression` holds; false when that is not possible this simply. */
function satisfy(expression: JsonExpression, document: Record<string, unknown>): boolean {
  switch (expression.type) {
    case 'and':
      return satisfy(expression.left, document) && satisfy(expression.right, document);
    case 'or':
      return satisfy(expression.left, document);
    case 'is':
      if (expression.test === 'NOT EXISTS') return true;
      return setPath(document, expression.selector, expression.test === 'NULL' ? null : expression.test === 'TRUE');
    case 'compare': {
      const value = valueExample(expression.op, expression.value);
      return value !== undefined && setPath(document, expression.selector, value);
    }
  }
}

function setPath(document: Record<string, unknown>, steps: readonly Step[], value: unknown): boolean {
  let current: unknown = document;
  for (const [i, step] of steps.entries()) {
    const last = i === steps.length - 1;
    const nextStep = steps[i + 1];
    const container = () => (nextStep?.type === 'index' ? [] : {});
    if (step.type === 'index') {
      if (!Array.isArray(current)) return false;
      while (current.length <= step.index) current.push(null);
      if (last) current[step.index] = value;
      else if (typeof current[step.index] !== 'object' || current[step.index] === null) current[step.index] = container();
      current = current[step.index];
    } else {
      if (typeof current !== 'object' || current === null) return false;
      const record = current as Record<string, unknown>;
      const key = step.type === 'key' ? step.key : Array.isArray(current) ? '0' : 'any';
      if (Array.isArray(current)) {
        if (step.type !== 'any') return false;
        if (current.length === 0) current.push(last ? value : container());
        else if (last) current[0] = value;
        current = current[0];
        continue;
      }
      if (last) record[key] = value;
      else if (typeof record[key] !== 'object' || record[key] === null) record[key] = container();
      current = record[key];
    }
  }
  return true;
}

/**
 * A string the regular expression matches, or undefined: of the first branch that yields one,
 * each character set's most ordinary character, repeated as few times as allowed.
 */
export function regexExample(regex: Regex | string): string | undefined {
  let parsed: Regex;
  try {
    parsed = typeof regex === 'string' ? parseRegex(regex) : regex;
  } catch {
    return undefined;
  }
  const matches = compileRegex(parsed);
  for (const branch of parsed.branches) {
    let out = '';
    for (const atom of branch) {
      if (atom.type !== 'set') continue;
      const char = setExample(atom.set);
      if (char === undefined) break;
      out += char.repeat(atom.min);
    }
    if (matches(out)) return out;
  }
  return undefined;
}

const ORDINARY = ['a', '0', '_', 'Z', '-', ' ', ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i)), '\t', '\n'];

function setExample(set: CharSet): string | undefined {
  const ascii = ORDINARY.find((char) => hasChar(set, char.charCodeAt(0)));
  return ascii ?? (set.other ? 'é' : undefined);
}
