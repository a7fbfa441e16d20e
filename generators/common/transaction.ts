/**
 * A run's changes to the user's folder, taken back whole when the run fails or is stopped: the
 * files and folders it added are removed, the files it replaced get their bytes and mode back,
 * and a package manager it started is stopped first (so it cannot re-create anything after the
 * clean-up). Nothing the user had is ever removed.
 */
import type { ChildProcess } from 'node:child_process';
import { chmodSync, lstatSync, readdirSync, readFileSync, rmSync, writeFileSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Folders that, when they existed before, are left whole: git and the package manager own them. */
const keptWhole = new Set(['.git', 'node_modules']);

/** How long a stopped package manager gets to exit before it is killed. */
const CHILD_GRACE_MS = 3000;

export class FolderTransaction {
  /** The outermost folder the run creates, when the target did not exist: removed whole. */
  private readonly highestNew: string | undefined;
  /** What existed under the target before the run (not inside .git or node_modules). */
  private readonly before: ReadonlySet<string>;
  private readonly originals = new Map<string, { contents: Buffer; mode: number }>();
  private readonly children = new Set<ChildProcess>();
  private state: 'open' | 'kept' | 'taken back' = 'open';
  private stopping = false;

  constructor(readonly target: string) {
    this.highestNew = highestMissing(path.resolve(target));
    this.before = this.highestNew === undefined ? listTree(target, new Set()) : new Set();
  }

  /** A signal came and the run is being stopped: nothing else is to be reported or done. */
  get isStopping(): boolean {
    return this.stopping;
  }

  /** Keeps a copy of `file` as it is now, before the run replaces it (the first copy counts). */
  saveOriginal(file: string): void {
    if (this.originals.has(file)) return;
    let stat;
    try {
      stat = lstatSync(file);
    } catch {
      return; // new: removed on roll-back like any new path
    }
    if (stat.isFile()) this.originals.set(file, { contents: readFileSync(file), mode: stat.mode & 0o7777 });
  }

  /** A process the run started in the folder (the package manager): stopped before a roll-back. */
  trackChild(child: ChildProcess): void {
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
  }

  /** The run succeeded (or only its install failed, after a complete write): its changes stay. */
  keep(): void {
    if (this.state === 'open') this.state = 'kept';
  }

  /** Stops the run's processes, then takes its changes back. Returns what it did, in words. */
  async abort(): Promise<string> {
    this.stopping = true;
    await this.stopChildren();
    const summary = this.rollback();
    // A write that was under way when the signal came may land after the first pass.
    await sleep(50);
    this.undo();
    return summary;
  }

  /**
   * Takes the run's changes back now (synchronously), once: removes what it added, restores what
   * it replaced. Returns what it did, in words ('' when there was nothing to take back).
   */
  rollback(): string {
    if (this.state !== 'open') return '';
    this.state = 'taken back';
    const { removed, restored } = this.undo();
    return describe(removed, restored, this.target);
  }

  /** Removes what was added and writes back what was replaced (only what differs); says how much. */
  private undo(): { removed: string[]; restored: number } {
    const removed = this.removeAdded();
    let restored = 0;
    for (const [file, { contents, mode }] of this.originals) {
      if (sameFile(file, contents, mode)) continue;
      rmSync(file, { recursive: true, force: true }); // whatever stands there now: a file, or a folder
      writeFileSync(file, contents);
      chmodSync(file, mode);
      restored++;
    }
    return { removed, restored };
  }

  private removeAdded(): string[] {
    if (this.highestNew !== undefined) {
      if (!exists(this.highestNew)) return [];
      rmSync(this.highestNew, { recursive: true, force: true, maxRetries: 3 });
      return [this.highestNew];
    }
    return removeAdded(this.target, this.before, []);
  }

  private async stopChildren(): Promise<void> {
    await Promise.all(
      [...this.children].map(async (child) => {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        signalGroup(child, 'SIGTERM');
        const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), CHILD_GRACE_MS);
        await exited;
        clearTimeout(timer);
      }),
    );
  }
}

function sameFile(file: string, contents: Buffer, mode: number): boolean {
  try {
    const stat = lstatSync(file);
    return stat.isFile() && (stat.mode & 0o7777) === mode && readFileSync(file).equals(contents);
  } catch {
    return false;
  }
}

/** The child and what it started: it runs in a process group of its own (spawned `detached`). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(process.platform === 'win32' ? child.pid : -child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

function describe(removed: readonly string[], restored: number, target: string): string {
  const parts: string[] = [];
  if (removed.length > 0) {
    // Inside the target: relative to it; the folder the run created: as the user named it.
    const names = removed.map((file) => (file.startsWith(target + path.sep) ? path.relative(target, file) : path.relative(process.cwd(), file) || '.'));
    parts.push(`removed what this run had created (${names.length > 3 ? `${names.length} files and folders` : names.join(', ')})`);
  }
  if (restored > 0) parts.push(`put back the ${restored} file${restored === 1 ? '' : 's'} it had replaced`);
  if (parts.length === 0) return '';
  const text = parts.join(' and ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}: ${path.relative(process.cwd(), target) || '.'} is as it was.`;
}

/** The outermost of `target` and its parents that does not exist yet. */
function highestMissing(target: string): string | undefined {
  let missing: string | undefined;
  for (let folder = target; !exists(folder) && path.dirname(folder) !== folder; folder = path.dirname(folder)) {
    missing = folder;
  }
  return missing;
}

function exists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

function entries(folder: string): Dirent[] {
  try {
    return readdirSync(folder, { withFileTypes: true });
  } catch {
    return []; // a file, or gone
  }
}

function listTree(folder: string, into: Set<string>): Set<string> {
  for (const entry of entries(folder)) {
    const file = path.join(folder, entry.name);
    into.add(file);
    if (entry.isDirectory() && !keptWhole.has(entry.name)) listTree(file, into);
  }
  return into;
}

function removeAdded(folder: string, before: ReadonlySet<string>, removed: string[]): string[] {
  for (const entry of entries(folder)) {
    const file = path.join(folder, entry.name);
    if (!before.has(file)) {
      rmSync(file, { recursive: true, force: true, maxRetries: 3 });
      removed.push(file);
    } else if (entry.isDirectory() && !keptWhole.has(entry.name)) {
      removeAdded(file, before, removed);
    }
  }
  return removed;
}
