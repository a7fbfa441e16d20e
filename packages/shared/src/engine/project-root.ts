import { readFileSync } from 'node:fs';
import path from 'node:path';
import { holdsLogLambdaProject } from '../project-file.js';

/** Whether `dir` is the root of a log-lambda project: its .yo-rc.json holds our entry. */
export function isProjectRoot(dir: string): boolean {
  try {
    return holdsLogLambdaProject(readFileSync(path.join(dir, '.yo-rc.json'), 'utf8'));
  } catch {
    return false; // no .yo-rc.json here
  }
}

/** The nearest folder above `from` that is a project root, to point the user at. */
export function findProjectAbove(from: string): string | undefined {
  for (let dir = path.dirname(from); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (isProjectRoot(dir)) return dir;
  }
  return undefined;
}
