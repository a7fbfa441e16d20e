/**
 * Consent before a generated file replaces one of the user's: a file that is new or identical is
 * no collision; one that differs is replaced only with --overwrite, or after the user said so at
 * a terminal; without a terminal the run stops, listing the files, before writing any.
 */
import { lstatSync } from 'node:fs';
import path from 'node:path';
import { readContained } from '../contained.js';
import { InputError } from '../input-error.js';
import type { Plan } from './apply.js';
import type { Collision, Door } from './door.js';

/** The plan's writes that would replace a different file of the user's; identical ones are dropped from the plan. */
export function findCollisions(plan: Plan): { plan: Plan; collisions: Collision[] } {
  const writes = new Map(plan.writes);
  const collisions: Collision[] = [];
  for (const [file, contents] of plan.writes) {
    const absolute = path.join(plan.root, file);
    const onDisk = diskState(plan.root, file, contents);
    if (onDisk === 'missing') continue;
    if (onDisk === 'identical')
      writes.delete(file); // the user's file stays untouched, not even rewritten
    else collisions.push({ path: file, absolute, contents });
  }
  return { plan: { ...plan, writes }, collisions };
}

/** The plan with the user's consent: every collision replaced, kept, or the run stopped. */
export async function settleCollisions(found: { plan: Plan; collisions: Collision[] }, door: Door, overwrite: boolean): Promise<Plan> {
  const { plan, collisions } = found;
  if (collisions.length === 0 || overwrite) return plan;
  if (!door.interactive) {
    const names = collisions.map((c) => c.path);
    throw new InputError(
      '--overwrite',
      `${names.length} file${names.length === 1 ? '' : 's'} in ${plan.root} would be replaced: ${names.join(', ')}; nothing was written`,
      'pass --overwrite to replace them, run in a terminal to choose file by file, or generate into another folder',
    );
  }
  const answers = await door.settleCollisions(collisions);
  if (answers.includes('abort')) throw new InputError('--overwrite', `stopped at the question whether to replace a file in ${plan.root}; nothing was written`);
  const writes = new Map(plan.writes);
  collisions.forEach((collision, index) => {
    if (answers[index] === 'keep') writes.delete(collision.path);
  });
  return { ...plan, writes };
}

function diskState(root: string, file: string, contents: Buffer): 'missing' | 'identical' | 'different' {
  let stat;
  try {
    stat = lstatSync(path.join(root, file));
  } catch (error) {
    // ENOTDIR: a file stands where a folder of the project goes; writing will fail, and be rolled back.
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'different';
  }
  if (stat.isDirectory()) {
    throw new InputError(file, 'is a folder where log-lambda writes a file; nothing was changed', 'move it away, or generate into another folder');
  }
  if (!stat.isFile()) return 'different';
  return readContained(root, file)?.equals(contents) ? 'identical' : 'different';
}
