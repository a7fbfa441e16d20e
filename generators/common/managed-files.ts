import type Generator from 'yeoman-generator';

/**
 * Marks files the generator updates in place (edited as code, or only in a managed region) as
 * safe to write, so Yeoman does not ask "Overwrite?" for them (which fails without a terminal):
 * the generator has read them and kept every byte of the user's.
 */
export function markOwned(generator: Generator, ...destinations: string[]): void {
  for (const destination of destinations) {
    const path = generator.destinationPath(destination);
    if (!generator.fs.exists(path)) continue;
    (generator.fs.store.get(path) as { conflicter?: string }).conflicter = 'force';
  }
}
