/** `create-log-lambda [directory] [flags]`: the engine's create, at the terminal. Loaded only to create. */
import { isInteractive, runCreate, type CreateFlags } from '@log-lambda/shared/engine';
import { terminalDoor } from './terminal-door.js';

export async function create(directory: string | undefined, flags: CreateFlags): Promise<void> {
  await runCreate(terminalDoor(isInteractive(flags)), { directory, flags });
}
