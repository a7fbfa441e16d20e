import type { Scanner } from './scanner.js';

/**
 * `%…%` regular expressions, in the subset CloudWatch Logs accepts ("Supported regular
 * expressions (regex) syntax"): letters, digits, the symbols : _ # = @ / ; , - and the operators
 * ^ $ ? [ ] { } | \ * + . — no parentheses (so no groups, lookarounds or nested quantifiers), no
 * multi-byte characters, at most two per pattern.
 */
const ALLOWED = /[A-Za-z0-9:_#=@/;,\-^$?[\]{}|*+.]/;
export const MAX_REGEXES = 2;

export interface ParsedRegex {
  source: string;
  regex: RegExp;
}

/** Reads `%…%` (the scanner at the opening `%`). `\%` stands for a literal `%`. */
export function readRegex(scanner: Scanner, counter: { count: number }): ParsedRegex {
  const start = scanner.position;
  scanner.position++;
  let source = '';
  for (;;) {
    if (scanner.done) scanner.fail('unclosed regular expression (expected a closing %)', start);
    const char = scanner.peek();
    const at = scanner.position;
    if (char === '%') break;
    if (char === '\\') {
      const next = scanner.peek(1);
      if (next === '') scanner.fail('a regular expression cannot end with \\', at);
      if (/[0-9]/.test(next)) scanner.fail('backreferences are not supported in regular expressions', at);
      if (next === '(' || next === ')') scanner.fail('parentheses (subpatterns) are not supported in regular expressions', at + 1);
      source += next === '%' ? '%' : `\\${next}`;
      scanner.position += 2;
      continue;
    }
    if (char === '(' || char === ')') scanner.fail('parentheses (subpatterns) are not supported in regular expressions', at);
    if (!ALLOWED.test(char)) {
      const shown = /[\x21-\x7e]/.test(char) ? `"${char}"` : `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      scanner.fail(`${shown} is not supported in regular expressions`, at);
    }
    source += char;
    scanner.position++;
  }
  scanner.position++; // the closing %
  if (source === '') scanner.fail('empty regular expression', start);
  if (++counter.count > MAX_REGEXES) scanner.fail(`more than ${MAX_REGEXES} regular expressions in one pattern`, start);
  try {
    return { source, regex: new RegExp(source) };
  } catch (error) {
    return scanner.fail(`invalid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`, start);
  }
}
