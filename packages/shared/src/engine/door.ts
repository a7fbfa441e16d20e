/**
 * What a door (the `npm create` bin, or a yo generator) gives the engine: how to ask, how to
 * print, how to settle a file the run would replace, and how the project's files are rendered.
 * The engine decides everything else, so that both doors make the same bytes.
 */
import type { Ask } from '../questions.js';
import type { ProjectModel } from '../model.js';

/** The sample log lines per filter name, as test/fixtures/log-lines.json holds them. */
export type LogLinesFile = Record<string, unknown>;

/** Every file of a project for a model, by its path in the project (the templates, rendered). */
export type Render = (model: ProjectModel, logLines: LogLinesFile) => Map<string, Buffer>;

/** Prompts without --yes, and only with a terminal unless --interactive (or --no-interactive) says otherwise: both doors. */
export function isInteractive(flags: Readonly<Record<string, unknown>>): boolean {
  if (flags['yes']) return false;
  if (typeof flags['interactive'] === 'boolean') return flags['interactive'];
  return Boolean(process.stdin.isTTY && process.stdout.isTTY);
}

/** A file of the user's that the run would replace with different contents. */
export interface Collision {
  /** Its path in the project, `/`-separated. */
  path: string;
  /** Its path on disk. */
  absolute: string;
  /** What the run would write there. */
  contents: Buffer;
}

/** For each collision, in order: replace it, keep the user's file, or stop the run. */
export type CollisionAnswer = 'replace' | 'keep' | 'abort';

export interface Door {
  /** The folder the command runs in: a relative directory argument is taken from here. */
  cwd: string;
  /** Whether to prompt for what the flags did not give (a terminal, or --interactive; never with --yes). */
  interactive: boolean;
  ask: Ask;
  /** A line of progress or of the final summary, on the door's standard output. */
  log: (line: string) => void;
  /** A yes/no question (asked only when interactive). */
  confirm: (message: string, defaultValue: boolean) => Promise<boolean>;
  /** Asked only when interactive, one collision at a time. */
  settleCollisions: (collisions: readonly Collision[]) => Promise<CollisionAnswer[]>;
  render: Render;
  /** The version of log-lambda running: recorded in the project. */
  generatorVersion: string;
}
