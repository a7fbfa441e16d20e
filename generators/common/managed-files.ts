import { readFileSync } from 'node:fs';
import { InputError } from '@log-lambda/shared';
import type Generator from 'yeoman-generator';

/**
 * Files the generators own (rendered from the project model). Before one is rewritten from the
 * new model, it must still be exactly what the old model renders: otherwise it was edited by hand,
 * and the generator refuses rather than lose those edits.
 */
export function assertUnedited(generator: Generator, templatePath: string, destination: string, oldData: object): void {
  let onDisk: string;
  try {
    onDisk = readFileSync(generator.destinationPath(destination), 'utf8');
  } catch {
    throw new InputError(destination, 'is missing', 'run yo log-lambda:filter in a project made by yo log-lambda or npm create log-lambda');
  }
  generator.renderTemplate(templatePath, destination, oldData);
  if (generator.fs.read(generator.destinationPath(destination)) !== onDisk) {
    throw new InputError(
      destination,
      'was edited by hand since log-lambda wrote it, so it cannot be updated safely; nothing was changed',
      `add the subscription to ${destination} by hand, or undo the edits (git diff ${destination}) and run again`,
    );
  }
}

/**
 * Marks files the generator owns as safe to overwrite, so Yeoman does not ask "Overwrite?" for
 * them (which fails without a terminal): assertUnedited has already made sure no hand edit is lost.
 */
export function markOwned(generator: Generator, ...destinations: string[]): void {
  for (const destination of destinations) {
    const path = generator.destinationPath(destination);
    if (!generator.fs.exists(path)) continue;
    (generator.fs.store.get(path) as { conflicter?: string }).conflicter = 'force';
  }
}
