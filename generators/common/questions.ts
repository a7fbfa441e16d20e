/**
 * The glue between the question definitions in @log-lambda/shared and Yeoman: one option per
 * question, and prompts that use the same checks.
 */
import type { Ask, Flag } from '@log-lambda/shared';
import type Generator from 'yeoman-generator';

/** Declares each flag as a Yeoman option (the list lives in @log-lambda/shared, shared with create-log-lambda). */
export function declareFlags(generator: Generator, flags: readonly Flag[]): void {
  for (const { flag, short, type, defaultOn, description } of flags) {
    generator.option(flag, {
      type: type === 'boolean' ? Boolean : String,
      description,
      ...(short && { alias: short }),
      ...(defaultOn && { default: true }),
    });
  }
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
