/** `create-log-lambda --add-filter [directory] [flags]`: the engine's add-filter, at the terminal, as whoever runs it (root too). */
import path from 'node:path';
import { isInteractive, runAddFilter, type CreateFlags } from '@log-lambda/shared/engine';
import { useProjectTypeScript } from './project-typescript.js';
import { terminalDoor } from './terminal-door.js';

export async function addFilter(directory: string | undefined, flags: CreateFlags): Promise<void> {
  const door = terminalDoor(isInteractive(flags));
  const root = path.resolve(door.cwd, directory ?? '.');
  useProjectTypeScript(root, '--add-filter');
  await runAddFilter(door, { root, flags, command: '--add-filter' });
}
