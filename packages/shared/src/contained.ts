/**
 * The one write rule, for every door and for the transaction that puts things back: log-lambda
 * reads (to merge), writes, creates and removes only paths under the project root that it reaches
 * without a symbolic link. The root itself, each folder on the way and the file itself are real
 * folders and files; a link anywhere on the way, pointing inside the project or out of it, stops
 * the run before anything is written.
 *
 * Race-free where Node allows it: files are opened with O_NOFOLLOW, a write goes to a new file
 * (O_EXCL) beside its destination, and the folders on the way are checked again just before the
 * rename that puts it in place. What Node cannot do is open a folder and work relative to it
 * (openat), so a folder swapped for a link by another process between that last check and the
 * rename is not caught.
 */
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, readlinkSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { InputError } from './input-error.js';

// Windows has no O_NOFOLLOW (and links there need privileges to make): 0 leaves the flag out.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/**
 * The first symbolic link on the way from `root` (itself included) to `file`, or undefined when
 * there is none. The way ends at the first part that does not exist yet: nothing can be below it.
 */
export function linkOnTheWay(root: string, file: string): string | undefined {
  const top = path.resolve(root);
  let at = top;
  for (const part of ['', ...partsUnder(top, file)]) {
    at = path.join(at, part);
    let stat;
    try {
      stat = lstatSync(at);
    } catch {
      return undefined; // missing (ENOENT), or below a file (ENOTDIR): nothing further exists
    }
    if (stat.isSymbolicLink()) return at;
  }
  return undefined;
}

/** Refuses, in one line naming the link, when any of `files` has a symbolic link on its way from `root`. */
export function refuseLinks(root: string, files: Iterable<string>): void {
  for (const file of files) {
    const link = linkOnTheWay(root, file);
    if (link !== undefined) throw linkRefusal(root, link);
  }
}

/** The contents of `file` under `root`, or undefined when it does not exist; refuses a link on the way. */
export function readContained(root: string, file: string): Buffer | undefined {
  refuseLinks(root, [file]);
  let fd;
  try {
    fd = openSync(path.resolve(root, file), constants.O_RDONLY | NO_FOLLOW);
  } catch (error) {
    if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return undefined;
    if (isCode(error, 'ELOOP')) throw linkRefusal(root, path.resolve(root, file)); // made a link since the check
    throw error;
  }
  try {
    if (!fstatSync(fd).isFile()) return undefined;
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `contents` to `file` under `root` (creating the folders on the way), never through a link:
 * a new file beside it, opened with O_EXCL and O_NOFOLLOW, renamed into place after the folders on
 * the way were checked once more. A folder standing where the file goes is removed first; a link
 * standing there is replaced itself, never followed (a run refuses a user's link before it writes
 * anything: refuseLinks).
 */
export function writeContained(root: string, file: string, contents: Uint8Array, mode = 0o644): void {
  const destination = path.resolve(root, file);
  refuseLinks(root, [path.dirname(destination)]);
  makeFolders(root, path.dirname(destination));
  const temporary = path.join(path.dirname(destination), `.${path.basename(destination)}.${process.pid}.${Math.random().toString(36).slice(2)}.log-lambda`);
  const fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW, mode);
  try {
    try {
      for (let written = 0; written < contents.length;) written += writeSync(fd, contents, written);
    } finally {
      closeSync(fd);
    }
    refuseLinks(root, [path.dirname(destination)]);
    if (isFolder(destination)) rmSync(destination, { recursive: true, force: true });
    renameSync(temporary, destination); // replaces a file, or a link itself: never what a link points to
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * Removes `file` under `root` (a folder with what it holds), never through a link on the way to it.
 * A link in its place is removed itself; what it points to is never touched.
 */
export function removeContained(root: string, file: string): void {
  const destination = path.resolve(root, file);
  refuseLinks(root, [path.dirname(destination)]);
  rmSync(destination, { recursive: true, force: true, maxRetries: 3 });
}

/** The one line for a link on the way: which, where it points, what to do. */
function linkRefusal(root: string, link: string): InputError {
  const top = path.resolve(root);
  let target = '';
  try {
    target = ` to ${readlinkSync(link)}`;
  } catch {
    // gone since: named without its target
  }
  // The project folder itself: named as the user gave it, the directory.
  if (link === top) {
    return new InputError(
      'directory',
      `${link} is a symbolic link${target}; log-lambda never reads or writes through a link, so nothing was changed`,
      'run it on the folder the link points to',
    );
  }
  return new InputError(
    path.relative(top, link).split(path.sep).join('/'),
    `is a symbolic link${target}; log-lambda never reads or writes through a link, inside the project or out of it, so nothing was changed`,
    'replace the link with the file or folder itself, or remove it, and run again',
  );
}

/** The parts of `file`'s path below `top`; refuses a path that leaves it. */
function partsUnder(top: string, file: string): string[] {
  const relative = path.relative(top, path.resolve(top, file));
  if (relative === '') return [];
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    throw new InputError(file, `is outside the project folder ${top}; log-lambda writes only inside it`, 'nothing was changed');
  }
  return relative.split(path.sep);
}

/** Creates the folders from `root` down to `folder`, one at a time, each checked to be a folder and no link. */
function makeFolders(root: string, folder: string): void {
  const top = path.resolve(root);
  let at = top;
  for (const part of partsUnder(top, folder)) {
    at = path.join(at, part);
    try {
      mkdirSync(at);
    } catch (error) {
      if (!isCode(error, 'EEXIST')) throw error;
    }
    const stat = lstatSync(at);
    if (stat.isSymbolicLink()) throw linkRefusal(root, at);
    if (!stat.isDirectory())
      throw new InputError(path.relative(top, at).split(path.sep).join('/'), 'is a file where log-lambda needs a folder; nothing was changed', 'move it away and run again');
  }
}

function isFolder(file: string): boolean {
  try {
    return lstatSync(file).isDirectory();
  } catch {
    return false;
  }
}

function isCode(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === code;
}
