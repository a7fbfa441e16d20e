import type Generator from 'yeoman-generator';

/**
 * Marks files the generator updates in place (edited as code, or only in a managed region), or
 * deletes, as safe to write, so Yeoman does not ask "Overwrite?" for them (which fails without a
 * terminal): the generator has read them and kept every byte of the user's, or removes only what
 * the user never changed.
 */
export function markOwned(generator: Generator, ...destinations: string[]): void {
  for (const destination of destinations) {
    const file = generator.fs.store.get(generator.destinationPath(destination)) as { contents: unknown; state?: string; conflicter?: string };
    // A deleted file has no contents any more, but stays in the store until the commit.
    if (file.contents !== null || file.state === 'deleted') file.conflicter = 'force';
  }
}
