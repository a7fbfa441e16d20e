/**
 * lib/subscriptions.ts as the one source of truth for a project's subscriptions, read and edited
 * as TypeScript. The file belongs to the user: they reformat it, comment it, add entries by hand
 * and check it out with CRLF line endings. So it is parsed with the TypeScript compiler (the
 * parser the project itself compiles with, exact for every syntax TypeScript accepts), and a new
 * entry is spliced in at the position the syntax tree gives, so that every other byte of the
 * file stays as the user left it: comments, formatting, quotes, line endings.
 *
 * Why not ts-morph or magicast/recast: both print the edited tree again, and a printer
 * normalises what it touches (quotes, trailing commas, blank lines); ts-morph is another 10 MB
 * on top of TypeScript. A splice located by the compiler's own tree changes exactly the bytes added.
 */
import ts from 'typescript';
import { tsField, tsString, tsStringIn } from './escape.js';
import { isAccount, isNamed, type Subscription } from './model.js';

/** An entry of the array: the literal values it holds (a value that is not a literal is left undefined). */
export interface SourceEntry {
  /** 1-based line of the entry, for messages. */
  line: number;
  name?: string;
  logGroupName?: string;
  filterPattern?: string;
  createLogGroup?: boolean;
  logGroupNamePrefix?: string;
  accountPolicy?: boolean;
  /** Not an object literal of literals (a spread, a variable, a call): its values could not be read. */
  opaque: boolean;
}

export interface SubscriptionsSource {
  entries: SourceEntry[];
  /** The entries whose four values are all literals, as the stack will see them. */
  subscriptions: Subscription[];
}

const ARRAY_NAME = 'subscriptions';
export const LOOKED_FOR = `an exported array literal named \`${ARRAY_NAME}\` (export const ${ARRAY_NAME} ... = [ ... ])`;

/** Reads the subscriptions; a sentence saying what is missing when the array cannot be found. */
export function readSubscriptionsSource(text: string, fileName = 'lib/subscriptions.ts'): SubscriptionsSource | string {
  const found = findArray(text, fileName);
  if (typeof found === 'string') return found;
  const { source, array } = found;
  const entries = array.elements.map((element) => readEntry(element, source));
  const subscriptions = entries.flatMap((entry) => {
    const subscription = subscriptionOf(entry);
    return subscription ? [subscription] : [];
  });
  return { entries, subscriptions };
}

/** The subscription an entry holds, when its values are all literals and make one of the three kinds. */
function subscriptionOf({ name, filterPattern, logGroupName, createLogGroup, logGroupNamePrefix, accountPolicy }: SourceEntry): Subscription | undefined {
  if (name === undefined || filterPattern === undefined) return undefined;
  const kinds = [logGroupName, logGroupNamePrefix, accountPolicy].filter((value) => value !== undefined).length;
  if (kinds !== 1) return undefined;
  if (logGroupName !== undefined) return createLogGroup === undefined ? undefined : { name, logGroupName, filterPattern, createLogGroup };
  if (logGroupNamePrefix !== undefined) return { name, logGroupNamePrefix, filterPattern };
  return accountPolicy === true ? { name, accountPolicy: true, filterPattern } : undefined;
}

/**
 * The fields of an entry, in the order the generated file writes them; each at `indent` on a line
 * of its own, as Prettier lays it out (the one-line form passes no indent).
 */
function fieldsOf(subscription: Subscription, quote: '"' | "'", indent?: string, eol = '\n'): string[] {
  const field = (key: string, value: string) => (indent === undefined ? `${key}: ${literal(value, quote)}` : tsField(key, literal(value, quote), indent, eol));
  const name = field('name', subscription.name);
  const pattern = field('filterPattern', subscription.filterPattern);
  if (isNamed(subscription)) return [name, field('logGroupName', subscription.logGroupName), pattern, `createLogGroup: ${subscription.createLogGroup}`];
  if (isAccount(subscription)) return [name, 'accountPolicy: true', pattern];
  return [name, field('logGroupNamePrefix', subscription.logGroupNamePrefix), pattern];
}

/**
 * `text` with `subscription` appended as the array's last element, formatted like the entries
 * above it (indentation, line endings, trailing comma); every other byte unchanged.
 */
export function appendSubscription(text: string, subscription: Subscription, fileName = 'lib/subscriptions.ts'): string {
  const found = findArray(text, fileName);
  if (typeof found === 'string') throw new Error(found);
  const { source, array } = found;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const elements = array.elements;
  const last = elements.at(-1);
  const arrayIndent = indentOfLine(text, array.getStart(source));
  const entryIndent = last ? indentOfLine(text, last.getStart(source)) : `${arrayIndent}  `;
  const quote = last ? quoteOf(last, source) : "'";
  // Entries written on one line get a one-line entry; otherwise one field a line, indented alike.
  const oneLine = last !== undefined && !last.getText(source).includes('\n');
  const firstField = last && ts.isObjectLiteralExpression(last) ? last.properties[0] : undefined;
  const fieldIndent = firstField && !oneLine ? indentOfLine(text, firstField.getStart(source)) : `${entryIndent}  `;
  const entry = oneLine
    ? `{ ${fieldsOf(subscription, quote).join(', ')} }`
    : ['{', ...fieldsOf(subscription, quote, fieldIndent, eol).map((field) => `${fieldIndent}${field},`), `${entryIndent}}`].join(eol);

  const arrayStart = array.getStart(source);
  if (!last) {
    // `[]` or `[ /* comment */ ]`: the entry goes on its own lines before the closing bracket.
    const close = array.getEnd() - 1;
    const inside = text.slice(arrayStart + 1, close).trimEnd();
    return `${text.slice(0, arrayStart + 1)}${inside}${eol}${entryIndent}${entry},${eol}${arrayIndent}${text.slice(close)}`;
  }
  const trailingComma = elements.hasTrailingComma;
  // The user's last element gets a comma when it has none; the new entry follows their style.
  let edited = trailingComma ? text : `${text.slice(0, last.getEnd())},${text.slice(last.getEnd())}`;
  let at = trailingComma ? commaAfter(text, last.getEnd()) + 1 : last.getEnd() + 1;
  const added = trailingComma ? `${entry},` : entry;
  if (!text.slice(arrayStart, array.getEnd()).includes('\n')) {
    // A one-line array `[a, b]` stays on one line.
    return `${edited.slice(0, at)} ${added.replace(/\r?\n\s*/g, ' ')}${edited.slice(at)}`;
  }
  // A comment that ends the last element's line stays on that line, with that element.
  const lineEnd = edited.indexOf('\n', at);
  const rest = edited.slice(at, lineEnd === -1 ? undefined : lineEnd).replace(/\r$/, '');
  if (/^\s*(\/\/.*|\/\*.*\*\/\s*)?$/.test(rest)) at += rest.length;
  edited = `${edited.slice(0, at)}${eol}${entryIndent}${added}${edited.slice(at)}`;
  return edited;
}

/**
 * `text` with its subscriptions array literal replaced by the one in `from`, byte for byte (line
 * endings made like `text`'s); undefined when either has no such array. An upgrade merges the
 * rest of the file around the user's list, which it never rewrites.
 */
export function withSubscriptionsArrayOf(text: string, from: string, fileName = 'lib/subscriptions.ts'): string | undefined {
  const target = findArray(text, fileName);
  const source = findArray(from, fileName);
  if (typeof target === 'string' || typeof source === 'string') return undefined;
  const array = from.slice(source.array.getStart(source.source), source.array.getEnd()).replace(/\r?\n/g, text.includes('\r\n') ? '\r\n' : '\n');
  return `${text.slice(0, target.array.getStart(target.source))}${array}${text.slice(target.array.getEnd())}`;
}

function findArray(text: string, fileName: string): { source: ts.SourceFile; array: ts.ArrayLiteralExpression } | string {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  // The parser recovers from a syntax error (a deleted `]`) with a tree that looks whole: an entry
  // spliced into it would not be where the stack reads it.
  const broken = syntaxError(source);
  if (broken) return `${fileName} does not parse: ${broken} (npx tsc --noEmit shows it too)`;
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const exported = statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || declaration.name.text !== ARRAY_NAME) continue;
      if (!exported) return `${fileName} declares \`${ARRAY_NAME}\` but does not export it; log-lambda looks for ${LOOKED_FOR}`;
      const array = declaration.initializer && unwrap(declaration.initializer);
      if (!array || !ts.isArrayLiteralExpression(array)) {
        return `${fileName} exports \`${ARRAY_NAME}\`, but not as an array literal (it is ${array ? ts.SyntaxKind[array.kind] : 'declared without a value'}); log-lambda looks for ${LOOKED_FOR}`;
      }
      return { source, array };
    }
  }
  return `${fileName} has no ${LOOKED_FOR.replace(/^an /, '')}`;
}

/** The first syntax error TypeScript reports in `source`, as `file:line:col - error TSnnnn: message`. */
function syntaxError(source: ts.SourceFile): string | undefined {
  const host: ts.CompilerHost = {
    ...ts.createCompilerHost({}),
    getSourceFile: (name) => (name === source.fileName ? source : undefined),
    fileExists: (name) => name === source.fileName,
  };
  const program = ts.createProgram({ rootNames: [source.fileName], options: { noResolve: true, noLib: true }, host });
  const [first] = program.getSyntacticDiagnostics(source);
  if (first === undefined) return undefined;
  const { line, character } = source.getLineAndCharacterOfPosition(first.start ?? 0);
  const message = ts.flattenDiagnosticMessageText(first.messageText, ' ').replace(/\.$/, '');
  return `${source.fileName}:${line + 1}:${character + 1} - error TS${first.code}: ${message}`;
}

/** `[...] as const`, `[...] satisfies T`, `([...])`, `<T>[...]`: the array inside. */
function unwrap(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isParenthesizedExpression(current) || ts.isTypeAssertionExpression(current)) {
    current = current.expression;
  }
  return current;
}

function readEntry(element: ts.Expression, source: ts.SourceFile): SourceEntry {
  const line = source.getLineAndCharacterOfPosition(element.getStart(source)).line + 1;
  const object = unwrap(element);
  if (!ts.isObjectLiteralExpression(object)) return { line, opaque: true };
  const entry: SourceEntry = { line, opaque: false };
  for (const property of object.properties) {
    if (!ts.isPropertyAssignment(property)) {
      entry.opaque = true;
      continue;
    }
    const key = propertyName(property.name);
    const value = unwrap(property.initializer);
    if (key === 'name' || key === 'logGroupName' || key === 'filterPattern' || key === 'logGroupNamePrefix') {
      if (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value)) entry[key] = value.text;
      else entry.opaque = true;
    } else if (key === 'createLogGroup' || key === 'accountPolicy') {
      if (value.kind === ts.SyntaxKind.TrueKeyword) entry[key] = true;
      else if (value.kind === ts.SyntaxKind.FalseKeyword) entry[key] = false;
      else entry.opaque = true;
    }
  }
  return entry;
}

function propertyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  return undefined;
}

/** The white space that starts the line holding `position`. */
function indentOfLine(text: string, position: number): string {
  const start = text.lastIndexOf('\n', position - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** The quote the user's entries use, read from the first string literal of `node`. */
function quoteOf(node: ts.Node, source: ts.SourceFile): '"' | "'" {
  let quote: '"' | "'" = "'";
  const visit = (child: ts.Node): boolean => {
    if (ts.isStringLiteral(child)) {
      quote = child.getText(source).startsWith("'") ? "'" : '"';
      return true;
    }
    return ts.forEachChild(child, visit) ?? false;
  };
  visit(node);
  return quote;
}

/**
 * A string literal that evaluates to exactly `value`, in the user's quote style: double quotes
 * where their entries use them, else quoted as Prettier quotes it with `singleQuote`.
 */
function literal(value: string, quote: '"' | "'"): string {
  return quote === '"' ? tsStringIn(value, '"') : tsString(value);
}

/** The position of the comma that follows `from`, skipping white space and comments. */
function commaAfter(text: string, from: number): number {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  scanner.resetTokenState(from);
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.CommaToken) return scanner.getTokenStart();
  }
  throw new Error('no comma after the last element, although the array has a trailing comma');
}
