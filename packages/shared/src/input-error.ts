/**
 * A problem with a value the user gave. `field` is how the user supplied it (a flag such as
 * `--log-group`), so the one-line message tells them exactly what to change.
 */
export class InputError extends Error {
  override readonly name = 'InputError';

  constructor(
    readonly field: string,
    readonly problem: string,
    readonly hint?: string,
    /** More lines a terminal may show under the message, such as a caret under a pattern's error. */
    readonly detail?: string,
  ) {
    super(`${field}: ${problem}${hint ? ` (${hint})` : ''}`);
  }
}

export function isInputError(error: unknown): error is InputError {
  return error instanceof Error && error.name === 'InputError' && 'field' in error;
}
