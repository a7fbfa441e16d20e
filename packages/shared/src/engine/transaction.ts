/**
 * A run's changes to the user's folder, taken back whole when the run fails or is stopped: the
 * files and folders it added are removed, the files it replaced get their bytes and mode back,
 * and a package manager it started is stopped first (so it cannot re-create anything after the
 * clean-up). Nothing the user had is ever removed, and the clean-up never follows a link: it
 * writes and removes through the one write rule (../contained.ts).
 */
import type { ChildProcess } from 'node:child_process';
import { lstatSync, readdirSync, rmSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { linkOnTheWay, readContained, removeContained, writeContained } from '../contained.js';

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
    // Behind a link: never written, as the run refuses it before writing anything.
    if (this.originals.has(file) || linkOnTheWay(this.target, file) !== undefined) return;
    let stat;
    try {
      stat = lstatSync(file);
    } catch {
      return; // new: removed on roll-back like any new path
    }
    const contents = stat.isFile() ? readContained(this.target, file) : undefined;
    if (contents) this.originals.set(file, { contents, mode: stat.mode & 0o7777 });
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
    const { removed, restored, behindLinks } = this.undo();
    return describe(removed, restored, behindLinks, this.target);
  }

  /** Removes what was added and writes back what was replaced (only what differs); says how much. */
  private undo(): { removed: string[]; restored: number; behindLinks: string[] } {
    const behindLinks: string[] = [];
    const removed = this.removeAdded(behindLinks);
    let restored = 0;
    for (const [file, { contents, mode }] of this.originals) {
      if (sameFile(this.target, file, contents, mode)) continue;
      if (linkOnTheWay(this.target, path.dirname(file)) !== undefined) {
        behindLinks.push(file); // a folder on its way was made a link since: never written through
        continue;
      }
      writeContained(this.target, file, contents, mode); // over whatever stands there now: a file, a folder, a link itself
      restored++;
    }
    return { removed, restored, behindLinks };
  }

  private removeAdded(behindLinks: string[]): string[] {
    if (this.highestNew !== undefined) {
      if (!exists(this.highestNew)) return [];
      rmSync(this.highestNew, { recursive: true, force: true, maxRetries: 3 });
      return [this.highestNew];
    }
    return removeAdded(this.target, this.target, this.before, [], behindLinks);
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

function sameFile(root: string, file: string, contents: Buffer, mode: number): boolean {
  try {
    const stat = lstatSync(file);
    return stat.isFile() && (stat.mode & 0o7777) === mode && readContained(root, file)?.equals(contents) === true;
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

function describe(removed: readonly string[], restored: number, behindLinks: readonly string[], target: string): string {
  const parts: string[] = [];
  if (removed.length > 0) {
    // Inside the target: relative to it; the folder the run created: as the user named it.
    const names = removed.map((file) => (file.startsWith(target + path.sep) ? path.relative(target, file) : path.relative(process.cwd(), file) || '.'));
    parts.push(`removed what this run had created (${names.length > 3 ? `${names.length} files and folders` : names.join(', ')})`);
  }
  if (restored > 0) parts.push(`put back the ${restored} file${restored === 1 ? '' : 's'} it had replaced`);
  if (parts.length === 0 && behindLinks.length === 0) return '';
  const text = parts.join(' and ');
  const done = text ? `${text[0]!.toUpperCase()}${text.slice(1)}` : 'Took nothing back';
  if (behindLinks.length > 0) {
    const names = behindLinks.map((file) => path.relative(target, file));
    return `${done}; left ${names.join(', ')} alone: a symbolic link now stands on the way, and log-lambda never writes through one.`;
  }
  return `${done}: ${path.relative(process.cwd(), target) || '.'} is as it was.`;
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

function removeAdded(root: string, folder: string, before: ReadonlySet<string>, removed: string[], behindLinks: string[]): string[] {
  if (linkOnTheWay(root, folder) !== undefined) {
    behindLinks.push(folder); // made a link since the run began: what it points to is never touched
    return removed;
  }
  for (const entry of entries(folder)) {
    const file = path.join(folder, entry.name);
    if (!before.has(file)) {
      removeContained(root, file);
      removed.push(file);
    } else if (entry.isDirectory() && !keptWhole.has(entry.name)) {
      removeAdded(root, file, before, removed, behindLinks);
    }
  }
  return removed;
}
