/**
 * The only ways a user's value reaches a generated file. Templates never interpolate a raw value.
 */

/**
 * A TypeScript (and JSON) string literal that evaluates to exactly `value`: quotes, backslashes,
 * backticks, `${…}`, `*\/` and non-ASCII text all survive byte for byte. Line and paragraph
 * separators are escaped too, so older tools that read the file as JavaScript do not choke.
 */
export function tsString(value: string): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
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
