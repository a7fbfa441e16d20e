/**
 * The create door's prompts, on node:readline: a line with a default, or yes/no. Each answer is
 * checked with the question's own check and asked again until it passes. Ctrl-C ends the run
 * (PromptCancelled: main prints "Cancelled." and exits 130).
 */
import { createInterface } from 'node:readline';

export class PromptCancelled extends Error {
  override readonly name = 'PromptCancelled';
  constructor() {
    super('Cancelled.');
  }
}

/** One line typed at the terminal, after `? <message> `; rejects with PromptCancelled at Ctrl-C. */
export function askLine(message: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: Boolean(process.stdin.isTTY) });
    let answered = false;
    rl.on('SIGINT', () => {
      rl.close();
      process.stdout.write('\n');
      reject(new PromptCancelled());
    });
    // Input that ends (Ctrl-D, a closed pipe) without an answer: the same as Ctrl-C.
    rl.on('close', () => {
      if (!answered) reject(new PromptCancelled());
    });
    rl.question(`? ${message} `, (answer) => {
      answered = true;
      rl.close();
      resolve(answer);
    });
  });
}

/** A line, with `fallback` taken for an empty answer, asked again while `check` finds a problem. */
export async function askInput(message: string, fallback: string | undefined, check: (value: string) => string | undefined): Promise<string> {
  for (;;) {
    const typed = (await askLine(fallback ? `${message} (${fallback})` : message)).trim();
    const value = typed === '' ? (fallback ?? '') : typed;
    const problem = check(value);
    if (problem === undefined) return value;
    process.stdout.write(`>> ${problem}\n`);
  }
}

/** Yes or no, with `fallback` for an empty answer. */
export async function askConfirm(message: string, fallback: boolean): Promise<boolean> {
  for (;;) {
    const typed = (await askLine(`${message} ${fallback ? '(Y/n)' : '(y/N)'}`)).trim().toLowerCase();
    if (typed === '') return fallback;
    if (typed === 'y' || typed === 'yes') return true;
    if (typed === 'n' || typed === 'no') return false;
    process.stdout.write('>> answer y or n\n');
  }
}

/** One of `choices` by its letter (the first letter of each), asked again until one is typed. */
export async function askChoice<T extends string>(message: string, choices: readonly T[]): Promise<T> {
  const legend = choices.map((choice) => `(${choice[0]})${choice.slice(1)}`).join(', ');
  for (;;) {
    const typed = (await askLine(`${message} ${legend}`)).trim().toLowerCase();
    const chosen = choices.find((choice) => typed !== '' && (choice === typed || choice[0] === typed));
    if (chosen) return chosen;
    process.stdout.write(`>> type one of ${choices.map((choice) => choice[0]).join(', ')}\n`);
  }
}
