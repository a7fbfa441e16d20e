/**
 * Consent before a generated file replaces one of the user's. Runs before Yeoman writes anything:
 * a file that is new or identical is no conflict; one that differs is replaced only with
 * --overwrite, or after the user said so at a terminal (Yeoman's own overwrite / skip / diff /
 * abort question); without a terminal the run stops, listing the files, before writing any.
 */
import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '@log-lambda/shared';
import { Conflicter } from '@yeoman/conflicter';
import type Generator from 'yeoman-generator';
import { refuseLinksInWrites } from './contained-writes.js';
import type { FolderTransaction } from '@log-lambda/shared/engine';

interface PendingFile {
  path: string;
  contents: Buffer | null;
  state?: string;
  conflicter?: string;
}

/** Yeoman's config file: our entry is merged into one another generator made, never a conflict. */
const YO_RC = '.yo-rc.json';

export interface ConflictOptions {
  overwrite: boolean;
  interactive: boolean;
  transaction: FolderTransaction;
}

export async function settleConflicts(generator: Generator, { overwrite, interactive, transaction }: ConflictOptions): Promise<void> {
  const root = generator.destinationRoot();
  refuseLinksInWrites(generator);
  const conflicts: PendingFile[] = [];
  for (const file of pendingFiles(generator)) {
    const onDisk = diskState(file);
    if (onDisk === 'missing') continue;
    transaction.saveOriginal(file.path);
    if (onDisk === 'identical') {
      file.conflicter = 'skip'; // the user's file stays untouched, not even rewritten
    } else if (path.basename(file.path) !== YO_RC || path.dirname(file.path) !== root) {
      conflicts.push(file);
    }
  }
  if (conflicts.length === 0) return;
  if (overwrite) {
    for (const file of conflicts) file.conflicter = 'force';
    return;
  }
  const names = conflicts.map((file) => path.relative(root, file.path));
  if (!interactive) {
    throw new InputError(
      '--overwrite',
      `${names.length} file${names.length === 1 ? '' : 's'} in ${root} would be replaced: ${names.join(', ')}; nothing was written`,
      'pass --overwrite to replace them, run in a terminal to choose file by file, or generate into another folder',
    );
  }
  // Yeoman's question for each: overwrite, skip, overwrite all, show the differences, abort.
  const conflicter = new Conflicter(generator.env.adapter, { cwd: root });
  for (const file of conflicts) {
    await conflicter.checkForCollision(file as never);
  }
}

function pendingFiles(generator: Generator): PendingFile[] {
  const root = generator.destinationRoot() + path.sep;
  return (generator.fs.store.all() as PendingFile[]).filter((file) => file.state === 'modified' && file.contents !== null && file.path.startsWith(root));
}

function diskState(file: PendingFile): 'missing' | 'identical' | 'different' {
  let stat;
  try {
    stat = lstatSync(file.path);
  } catch (error) {
    // ENOTDIR: a file stands where a folder of the project goes; writing will fail, and be rolled back.
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'different';
  }
  if (!stat.isFile()) return 'different';
  return file.contents !== null && readFileSync(file.path).equals(file.contents) ? 'identical' : 'different';
}
