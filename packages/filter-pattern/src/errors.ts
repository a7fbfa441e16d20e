/** A pattern CloudWatch Logs would refuse; `position` is the 0-based offset of the problem. */
export class FilterPatternError extends Error {
  override readonly name = 'FilterPatternError';

  constructor(
    readonly problem: string,
    readonly position: number,
  ) {
    super(`${problem} at ${position}`);
  }
}

/** The pattern and a caret under the problem, for a terminal. */
export function formatFilterPatternError(pattern: string, error: FilterPatternError): string {
  return `${pattern}\n${' '.repeat(Math.min(error.position, pattern.length))}^ ${error.message}`;
}
