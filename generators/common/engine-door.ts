/**
 * The engine's door for yo: Yeoman declares the options, asks the questions (its prompts, or
 * yeoman-test's answers) and, at a terminal, asks about each file the run would replace (its
 * conflicter: overwrite / skip / all / diff / abort). The engine does the rest, through the one
 * write rule. A run that fails prints our one line (and hint) alone, exits non-zero, and stops
 * the generator's remaining tasks: no "An error occured while running" around it.
 */
import { isInputError, type Ask } from '@log-lambda/shared';
import { isInteractive, type Collision, type CollisionAnswer, type Door } from '@log-lambda/shared/engine';
import { Conflicter } from '@yeoman/conflicter';
import type Generator from 'yeoman-generator';
import { yeomanAsk } from './questions.js';
import { renderProject } from './render.js';

export function yeomanDoor(generator: Generator, options: { yes?: boolean; interactive?: boolean }, cwd: string): Door {
  const ask: Ask = yeomanAsk(generator);
  return {
    cwd,
    interactive: isInteractive(options),
    ask,
    log: (line) => generator.log(line),
    confirm: async (message, defaultValue) => (await generator.prompt<{ yes: boolean }>({ type: 'confirm', name: 'yes', message, default: defaultValue })).yes,
    settleCollisions: (collisions) => askYeoman(generator, collisions),
    render: renderProject,
    generatorVersion: generator.rootGeneratorVersion(),
  };
}

/** Yeoman's own question for each file, through @yeoman/conflicter's public checkForCollision. */
async function askYeoman(generator: Generator, collisions: readonly Collision[]): Promise<CollisionAnswer[]> {
  const conflicter = new Conflicter(generator.env.adapter, { cwd: generator.destinationRoot() });
  const answers: CollisionAnswer[] = [];
  for (const collision of collisions) {
    try {
      const file = await conflicter.checkForCollision({ path: collision.absolute, contents: collision.contents } as never);
      const status = (file as { conflicter?: string }).conflicter;
      answers.push(status === 'skip' ? 'keep' : 'replace');
    } catch {
      answers.push('abort'); // Yeoman's "abort" throws
      break;
    }
  }
  return answers;
}

/**
 * Runs `work` as the generator's task. Our errors (InputError, InstallError, ConflictError) are
 * printed as they are and end the run with exit code 1, the generator's other tasks cancelled;
 * anything else is a crash and goes to Yeoman as it is.
 */
export async function runInYo(generator: Generator, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!isOurs(error)) throw error;
    const { message, detail } = error as Error & { detail?: string };
    process.stderr.write(`${detail && process.stderr.isTTY ? `${message}\n${detail}` : message}\n`);
    process.exitCode = 1;
    generator.cancelCancellableTasks();
  }
}

function isOurs(error: unknown): boolean {
  return isInputError(error) || (error instanceof Error && ['InstallError', 'ConflictError'].includes(error.name));
}
