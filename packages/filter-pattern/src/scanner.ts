import { FilterPatternError } from './errors.js';

/** Reads a pattern left to right, with the position for error messages. */
export class Scanner {
  position = 0;

  constructor(readonly text: string) {}

  get done(): boolean {
    return this.position >= this.text.length;
  }

  peek(offset = 0): string {
    return this.text[this.position + offset] ?? '';
  }

  startsWith(token: string): boolean {
    return this.text.startsWith(token, this.position);
  }

  skipSpaces(): void {
    while (/\s/.test(this.peek()) && !this.done) this.position++;
  }

  /** Consumes `token` (after spaces) if it is next. */
  accept(token: string): boolean {
    this.skipSpaces();
    if (!this.startsWith(token)) return false;
    this.position += token.length;
    return true;
  }

  expect(token: string, what = `"${token}"`): void {
    if (!this.accept(token)) this.fail(`expected ${what}${this.done ? '' : `, found "${this.peek()}"`}`);
  }

  fail(problem: string, position = this.position): never {
    throw new FilterPatternError(problem, position);
  }

  /** A `"…"` string, the opening quote next; `\"` and `\\` are escapes. Returns its contents. */
  quoted(): string {
    const start = this.position;
    this.position++; // the opening quote
    let text = '';
    while (!this.done) {
      const char = this.peek();
      if (char === '"') {
        this.position++;
        return text;
      }
      if (char === '\\' && (this.peek(1) === '"' || this.peek(1) === '\\')) {
        text += this.peek(1);
        this.position += 2;
        continue;
      }
      text += char;
      this.position++;
    }
    return this.fail('unclosed quote', start);
  }

  /** Characters up to (not including) the first that `stop` accepts, or the end. */
  until(stop: (char: string) => boolean): string {
    const start = this.position;
    while (!this.done && !stop(this.peek())) this.position++;
    return this.text.slice(start, this.position);
  }
}
