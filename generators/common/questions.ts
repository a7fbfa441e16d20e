/**
 * The glue between the question definitions in @log-lambda/shared and Yeoman: one option per
 * question, and prompts that use the same checks.
 */
import type { Ask, Question } from '@log-lambda/shared';
import type Generator from 'yeoman-generator';

/** Declares `--<flag>` for each question, plus `--yes` and `--interactive`. */
export function declareQuestionOptions(generator: Generator, questions: readonly Question[]): void {
  for (const question of questions) {
    generator.option(question.flag, {
      type: question.type === 'confirm' ? Boolean : String,
      description: question.description,
    });
  }
  generator.option('yes', { type: Boolean, alias: 'y', description: 'Accept the defaults and never prompt' });
  generator.option('interactive', {
    type: Boolean,
    description: 'Prompt for what the flags did not give (default: when there is a terminal; --no-interactive never prompts)',
  });
}

/** Prompts only with a terminal (or --interactive), never with --yes. */
export function isInteractive(options: { yes?: boolean; interactive?: boolean }): boolean {
  if (options.yes) return false;
  return options.interactive ?? Boolean(process.stdin.isTTY && process.stdout.isTTY);
}

/** Asks through Yeoman's adapter (a terminal prompt, or yeoman-test's answers). */
export function yeomanAsk(generator: Generator): Ask {
  return async (question, defaultValue, answersSoFar) => {
    const { name, message } = question;
    const answers = await generator.prompt<Record<string, string | boolean>>(
      question.type === 'confirm'
        ? { type: 'confirm', name, message, default: defaultValue === true }
        : { type: 'input', name, message, default: defaultValue as string | undefined, validate: (value: string) => question.check(value, answersSoFar) ?? true },
    );
    return answers[question.name] as string | boolean;
  };
}
