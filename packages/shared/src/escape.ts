/**
 * The only ways a user's value reaches a generated file. Templates never interpolate a raw value.
 */

/**
 * A TypeScript (and JSON) string literal that evaluates to exactly `value`: quotes, backslashes,
 * backticks, `${…}`, `*\/` and non-ASCII text all survive byte for byte. Line and paragraph
 * separators are escaped too, so older tools that read the file as JavaScript do not choke.
 */
export function tsString(value: string): string {
  return JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Markdown inline code that shows `value` verbatim, whatever backticks it holds. */
export function mdCode(value: string): string {
  const longestRun = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = value.startsWith('`') || value.endsWith('`') || value === '' ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** Markdown inline code for a table cell: a `|` or a line break would end the cell, even inside code. */
export function mdTableCode(value: string): string {
  return mdCode(value.replace(/\r?\n/g, '\\n')).replace(/\|/g, '\\|');
}

/**
 * Text for inside a quoted Mermaid label, shown verbatim: everything but letters, digits, spaces
 * and . / _ - becomes a `#code;` entity, which Mermaid decodes.
 */
export function mermaidText(value: string): string {
  return [...value].map((char) => (/[\p{L}\p{N} ./_\-]/u.test(char) ? char : `#${char.codePointAt(0)};`)).join('');
}

/** JSON for a template, indented to sit at `indent` spaces (the first line is not indented). */
export function json(value: unknown, indent = 0): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${' '.repeat(indent)}`);
}

/** A POSIX shell word that passes `value` verbatim: bare when it is plainly safe, else single-quoted. */
export function shellArg(value: string): string {
  if (/^[A-Za-z0-9._\/=:@%+-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
