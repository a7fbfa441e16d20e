/** Where create may make a project: checked before anything is asked or written. */
import { lstatSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import path from 'node:path';
import { refuseLinks } from '../contained.js';
import { InputError } from '../input-error.js';
import { isEmptyFolder } from '../template-data.js';
import { findProjectAbove, isProjectRoot } from './project-root.js';

/** The target is a folder, or nothing yet: a file or a dangling link in its place gets a sentence, not ENOTDIR. */
export function checkTargetFolder(target: string): void {
  for (let at = target; path.dirname(at) !== at; at = path.dirname(at)) {
    let stat;
    try {
      stat = lstatSync(at);
    } catch (error) {
      const { code } = error as NodeJS.ErrnoException;
      if (code === 'ENOENT' || code === 'ENOTDIR') continue; // made by the run, or under a file (found next)
      throw new InputError('directory', `${at} cannot be read (${code})`, 'choose another folder');
    }
    // The project folder itself a link: refused like any link under it (the one write rule).
    if (at === target) refuseLinks(target, [target]);
    if (stat.isSymbolicLink()) {
      try {
        stat = statSync(at);
      } catch {
        throw new InputError('directory', `${at} is a symbolic link to ${readlinkSync(at)}, which does not exist`, 'create the folder it points to, or choose another folder');
      }
    }
    if (!stat.isDirectory()) {
      throw new InputError('directory', at === target ? `${at} is a file, not a folder` : `${target} is inside ${at}, which is a file`, 'choose a new folder name');
    }
    return; // the nearest existing folder on the way
  }
}

const WORK_ON_A_PROJECT =
  'add a subscription with npm create log-lambda@latest -- --add-filter (or yo log-lambda:filter), or bring the project to the current templates with npm create log-lambda@latest -- --upgrade (or yo log-lambda:upgrade)';

/**
 * Never regenerated over itself (that would drop the subscriptions and edits made since), nor
 * inside one (a second project in its lib/ or test/ folder).
 */
export function refuseExistingProject(target: string): void {
  if (isProjectRoot(target)) {
    throw new InputError(
      'directory',
      `${target} holds a log-lambda project already (see its .yo-rc.json); generating it again would replace your files and subscriptions`,
      WORK_ON_A_PROJECT,
    );
  }
  const above = findProjectAbove(target);
  if (above !== undefined) {
    throw new InputError(
      'directory',
      `${target} is inside the log-lambda project ${above}; a project is never made inside another`,
      `choose a folder outside it, or in ${above}: ${WORK_ON_A_PROJECT}`,
    );
  }
}

/** Without --force, only into a folder that is empty (a .git folder alone is fine) or does not exist. */
export function refuseNonEmptyTarget(target: string): void {
  let entries: string[];
  try {
    entries = readdirSync(target);
  } catch {
    return; // it does not exist yet
  }
  if (!isEmptyFolder(entries)) {
    throw new InputError('directory', `${target} is not empty`, 'choose a new folder, or pass --force to generate beside what is there');
  }
}
