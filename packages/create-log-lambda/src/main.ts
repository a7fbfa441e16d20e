/**
 * create-log-lambda: parses the command line, then runs the engine's command with it (create,
 * --add-filter or --upgrade), the same ones the yo generators run. Every failure ends in one line
 * (plus a hint) and a non-zero exit. A run that breaks, or is stopped by a signal, after it
 * started writing puts the folder back as it was: the engine does that
 * (packages/shared/src/engine/run.ts), for both doors.
 */
import { isInputError } from '@log-lambda/shared';
import { parseCommandLine } from './command-line.js';
import { helpText } from './help.js';
import { version } from './version.js';

const print = (text: string) => process.stdout.write(`${text}\n`);
const printError = (text: string) => process.stderr.write(`${text}\n`);

/** Runs the command; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let command;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    printError(`${describe(error)}\nRun create-log-lambda --help to see every flag, with examples.`);
    return 1;
  }
  if (command.kind === 'help') {
    print(helpText());
    return 0;
  }
  if (command.kind === 'version') {
    print(version());
    return 0;
  }

  const { kind, directory, flags } = command;
  // An upgrade finds the package manager from the project's lock file first.

  try {
    if (kind === 'create') {
      const { create } = await import('./create.js');
      await create(directory, flags);
    } else if (kind === 'add-filter') {
      const { addFilter } = await import('./add-filter.js');
      await addFilter(directory, flags);
    } else {
      const { upgrade } = await import('./upgrade.js');
      await upgrade(directory, flags);
    }
    return 0;
  } catch (error) {
    // Only the install failed: the project stays, and the message says how to finish by hand.
    if (isNamed(error, 'InstallError')) {
      printError(describe(error));
      return 1;
    }
    printError(describe(error));
    return isNamed(error, 'PromptCancelled') ? 130 : 1;
  }
}

/** One line: the generator's InputErrors and InstallErrors say what to do; anything else is a crash. */
function describe(error: unknown): string {
  if (isInputError(error)) {
    // Such as a caret under the spot where a filter pattern goes wrong: for a person at a terminal.
    return error.detail && process.stderr.isTTY ? `${error.message}\n${error.detail}` : error.message;
  }
  // An upgrade that wrote everything but left conflicts: the message lists the files to resolve.
  if (isNamed(error, 'InstallError') || isNamed(error, 'ConflictError')) return error.message;
  if (isNamed(error, 'PromptCancelled')) return 'Cancelled.';
  const message = error instanceof Error ? error.message : String(error);
  // A template error says where on its first line and what on its last.
  const lines = message
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return `create-log-lambda failed: ${lines.length > 1 ? `${lines[0]}: ${lines.at(-1)}` : (lines[0] ?? 'unknown error')}`;
}

function isNamed(error: unknown, name: string): error is Error {
  return error instanceof Error && error.name === name;
}
