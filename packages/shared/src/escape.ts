/**
 * The only ways a user's value reaches a generated file. Templates never interpolate a raw value.
 */
import { projectPrettierConfig } from './formatting.js';

/**
 * A TypeScript string literal that evaluates to exactly `value`: quotes, backslashes, backticks,
 * `${…}`, `*\/` and non-ASCII text all survive byte for byte. Line and paragraph separators are
 * escaped too, so older tools that read the file as JavaScript do not choke. Quoted as Prettier
 * quotes it with the project's `singleQuote`: single quotes, unless the value holds more of them
 * than double quotes.
 */
export function tsString(value: string): string {
  const singles = value.split("'").length - 1;
  const doubles = value.split('"').length - 1;
  return tsStringIn(value, singles > doubles ? '"' : "'");
}

/** `value` as a TypeScript string literal in these quotes, escaped as Prettier leaves it. */
export function tsStringIn(value: string, quote: '"' | "'"): string {
  const double = JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  if (quote === '"') return double;
  // The same escapes between single quotes: a double quote needs none there, a single quote does.
  return `'${double.slice(1, -1).replace(/\\(.)|'/gs, (match, escaped: string | undefined) => (escaped === '"' ? '"' : escaped === undefined ? "\\'" : match))}'`;
}

/**
 * How wide Prettier counts `text`: a column per character, two for East Asian wide and fullwidth
 * characters and most emoji, none for combining marks and control characters.
 */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    if (/[\p{M}\p{Cc}]/u.test(char)) continue;
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u.test(char)
      ? 2
      : 1;
  }
  return width;
}

/**
 * An object property `key: literal` at `indent`, laid out as Prettier lays it out within the
 * project's `printWidth`: a string too long for the line goes on the next one, indented, unless the
 * key is shorter than 5 characters (Prettier keeps short keys beside their value).
 */
export function tsField(key: string, literal: string, indent: string, eol = '\n'): string {
  const fits = textWidth(`${indent}${key}: ${literal},`) <= projectPrettierConfig.printWidth;
  return fits || key.length < 5 ? `${key}: ${literal}` : `${key}:${eol}${indent}  ${literal}`;
}

/** Markdown inline code that shows `value` verbatim, whatever backticks it holds. */
export function mdCode(value: string): string {
  const longestRun = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = value.startsWith('`') || value.endsWith('`') || value === '' ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** Markdown inline code on one line: a line break would end a list item's line, so it shows as `\n`. */
export function mdLineCode(value: string): string {
  return mdCode(value.replace(/\r?\n/g, '\\n'));
}

/**
 * A Markdown table as Prettier lays it out: every column padded to its widest cell (at least the
 * 3 dashes of the delimiter row), each cell's width counted as Prettier counts it (textWidth).
 */
export function mdTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(3, ...all.map((row) => textWidth(row[column] ?? ''))));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, column) => cell + ' '.repeat(widths[column]! - textWidth(cell))).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/**
 * Text for inside a quoted Mermaid label, shown verbatim: everything but letters, digits, spaces
 * and . / _ - becomes a `#code;` entity, which Mermaid decodes.
 */
export function mermaidText(value: string): string {
  return [...value].map((char) => (/[\p{L}\p{N} ./_-]/u.test(char) ? char : `#${char.codePointAt(0)};`)).join('');
}

/** JSON for a template, indented to sit at `indent` spaces (the first line is not indented). */
export function json(value: unknown, indent = 0): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${' '.repeat(indent)}`);
}

/** The shells we print commands for: POSIX shells (sh, bash, zsh) and, on Windows, PowerShell. */
export type Shell = 'posix' | 'powershell';

/** The shell a user of this platform pastes into. */
export function shellFor(platform: NodeJS.Platform = process.platform): Shell {
  return platform === 'win32' ? 'powershell' : 'posix';
}

/**
 * A shell word that passes `value` verbatim, so that a pasted command runs nothing but itself:
 * bare when it is plainly safe, else single-quoted (in both shells nothing is special inside
 * single quotes but the quote itself: POSIX ends the quote for it, PowerShell doubles it).
 */
export function shellArg(value: string, shell: Shell = 'posix'): string {
  if (/^[A-Za-z0-9._/=:@%+-]+$/.test(value) && !(shell === 'powershell' && /^[-@%]/.test(value))) return value;
  if (shell === 'powershell') return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (quote) => quote + quote)}'`;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
