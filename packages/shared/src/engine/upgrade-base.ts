/**
 * Where an upgrade's base comes from: what the version that made the project generated. In
 * order: --base <commit>; the project's .log-lambda/base.json; for a project made by 0.1.0 (which
 * records nothing), the tree of its "Initial commit from log-lambda". Otherwise a sentence
 * saying what is missing and what to pass.
 */
import { readContained } from '../contained.js';
import { InputError } from '../input-error.js';
import { UNRECORDED_GENERATOR_VERSION } from '../model.js';
import { parseSettings } from '../project-file.js';
import { isShippedModule } from '../shipped-modules.js';
import { BASE_RECORD_PATH, parseBaseRecord } from '../upgrade/base-record.js';
import type { FileSet } from '../upgrade/plan.js';
import { retiredFiles } from '../upgrade/retired.js';
import { INITIAL_COMMIT_MESSAGE, type GitRepository } from './git.js';

export interface Base {
  files: FileSet;
  generatorVersion: string;
  /** In words, for the summary: `.log-lambda/base.json`, or a commit. */
  source: string;
}

export interface BaseQuery {
  /** The project folder. */
  target: string;
  repository: GitRepository | undefined;
  /** --base, when given. */
  revision: string | undefined;
  /** The version .yo-rc.json says made the project, when it says one. */
  generatorVersion: string | undefined;
  /** What the running version generates: a commit's other files are not the base. */
  theirs: ReadonlyMap<string, Buffer>;
}

export function findBase({ target, repository, revision, generatorVersion, theirs }: BaseQuery): Base {
  if (revision !== undefined) {
    if (!repository) {
      throw new InputError(
        '--base',
        `${target} is not in a git work tree (or git is not installed), so no commit can be read`,
        'run it in the git repository that holds the project',
      );
    }
    const commit = repository.resolveCommit(revision);
    if (!commit)
      throw new InputError('--base', `${JSON.stringify(revision)} is not a commit of this repository`, 'name one by its id, a tag or a branch; git log --oneline lists them');
    return baseAtCommit(repository, commit, theirs, target, '--base');
  }
  // Missing: a project made by 0.1.0, or a record deleted: git history next.
  const text = readContained(target, BASE_RECORD_PATH)?.toString('utf8');
  if (text !== undefined) {
    const record = parseBaseRecord(text);
    if (typeof record === 'string') {
      throw new InputError(
        BASE_RECORD_PATH,
        `${record}; it records what log-lambda generated, which the upgrade merges your changes from`,
        `restore it (git checkout -- ${BASE_RECORD_PATH}), or pass --base <commit>`,
      );
    }
    return { files: record.files, generatorVersion: record.generatorVersion, source: BASE_RECORD_PATH };
  }
  const initial = repository?.findCommit(INITIAL_COMMIT_MESSAGE);
  if (repository && initial) return baseAtCommit(repository, initial, theirs, target, 'directory');
  throw new InputError(
    'directory',
    `${target} has no ${BASE_RECORD_PATH}, and ${repository ? `its git history has no commit "${INITIAL_COMMIT_MESSAGE}"` : 'it is not in a git repository'}: the upgrade needs the files log-lambda ${generatorVersion ?? UNRECORDED_GENERATOR_VERSION} generated, to tell your changes from its own`,
    'pass --base <commit>: a commit whose files under this folder are the project as log-lambda generated it',
  );
}

/**
 * A commit's files under the project folder, as the base. Only paths this version generates, or
 * an earlier one did (retiredFiles), count: the commit may hold the user's files too (a lock
 * file, a --force generation).
 */
function baseAtCommit(repository: GitRepository, commit: string, theirs: ReadonlyMap<string, Buffer>, target: string, field: string): Base {
  const all = repository.filesAt(commit);
  const files = new Map([...all].filter(([file, contents]) => (theirs.has(file) || retiredFiles.has(file)) && !isShippedModule(contents)));
  if (files.size === 0) {
    throw new InputError(
      field,
      `commit ${repository.describeCommit(commit)} holds none of the project's files under ${target}`,
      'pass --base <commit> with the commit that added them',
    );
  }
  return { files, generatorVersion: versionAt(all.get('.yo-rc.json')) ?? UNRECORDED_GENERATOR_VERSION, source: `git commit ${repository.describeCommit(commit)}` };
}

/** The generator version a .yo-rc.json records, if it is readable and records one. */
function versionAt(yoRc: Buffer | undefined): string | undefined {
  if (!yoRc) return undefined;
  try {
    const settings = parseSettings((JSON.parse(yoRc.toString('utf8')) as Record<string, unknown>)['generator-log-lambda']);
    return typeof settings === 'object' ? settings.generatorVersion : undefined;
  } catch {
    return undefined;
  }
}
