/**
 * The engine without a door: a Door that answers from a script, settles collisions as told and
 * keeps what the run printed, for testing each behaviour once, where it is decided.
 */
import { mkdtempSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CollisionAnswer, Door } from '@log-lambda/shared/engine';
import { renderProject } from '../../generators/common/render.js';

const generatorVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface TestDoor extends Door {
  /** Every line the run printed. */
  logged: string[];
}

export function testDoor(
  cwd: string,
  { answers = {}, collisions = [] as CollisionAnswer[] }: { answers?: Record<string, string | boolean>; collisions?: CollisionAnswer[] } = {},
): TestDoor {
  const logged: string[] = [];
  return {
    cwd,
    interactive: Object.keys(answers).length > 0 || collisions.length > 0,
    ask: async (question, defaultValue) => answers[question.flag] ?? (defaultValue as string | boolean),
    confirm: async (_message, defaultValue) => (answers['confirm'] as boolean | undefined) ?? defaultValue,
    log: (line) => void logged.push(...line.split('\n')),
    settleCollisions: async (found) => found.map((_, index) => collisions[index] ?? 'keep'),
    render: renderProject,
    generatorVersion,
    logged,
  };
}

export function tempFolder(prefix = 'engine-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Every file and link under `folder`, with its bytes (or where the link points): proves a refusal changed nothing. */
export function hashes(folder: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() || entry.isSymbolicLink())
      .map((entry) => {
        const file = path.join(entry.parentPath, entry.name);
        return [path.relative(folder, file), entry.isSymbolicLink() ? `-> ${readlinkSync(file)}` : readFileSync(file).toString('hex')];
      }),
  );
}
