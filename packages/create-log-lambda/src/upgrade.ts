/** `create-log-lambda --upgrade [directory] [flags]`: the engine's upgrade, at the terminal. */
import path from 'node:path';
import { isInteractive, runUpgrade, type CreateFlags } from '@log-lambda/shared/engine';
import { useProjectTypeScript } from './project-typescript.js';
import { terminalDoor } from './terminal-door.js';

export async function upgrade(directory: string | undefined, flags: CreateFlags): Promise<void> {
  const door = terminalDoor(isInteractive(flags));
  useProjectTypeScript(path.resolve(door.cwd, directory ?? '.'), '--upgrade');
  await runUpgrade(door, { directory, flags });
}
