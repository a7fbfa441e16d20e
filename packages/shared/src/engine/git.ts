import { spawnSync } from 'node:child_process';

type Log = (line: string) => void;

/** The message of the first commit the generator makes: 0.1.0 projects find their base by it. */
export const INITIAL_COMMIT_MESSAGE = 'Initial commit from log-lambda';

/**
 * `git init` and a first commit, unless git is missing or the folder is already inside a work
 * tree (then the user's repository is left alone). A failed commit (no git identity configured)
 * leaves the files staged and says so.
 */
export function initGitRepository(cwd: string, log: Log): void {
  const git = (...args: string[]) => spawnSync('git', args, { cwd, encoding: 'utf8' });
  const inside = git('rev-parse', '--is-inside-work-tree');
  if (inside.error) return log('git not found: skipped `git init`');
  if (inside.status === 0) return log('Inside an existing git repository: left it alone');
  if (git('init', '--quiet').status !== 0 || git('add', '--all').status !== 0) return log('git init failed: skipped');
  const commit = git('commit', '--quiet', '--message', INITIAL_COMMIT_MESSAGE);
  if (commit.status !== 0) {
    return log(`Initialised a git repository with the files staged; commit them yourself (${commit.stderr.trim().split('\n')[0]})`);
  }
  log('Initialised a git repository with a first commit');
}

/**
 * The git repository `cwd` is in, for an upgrade: read-only questions, answered with git's
 * plumbing commands. `undefined` from gitRepository() when git is missing or `cwd` is in no work tree.
 */
export interface GitRepository {
  /** Uncommitted changes under `cwd` (staged, unstaged, untracked; ignored files aside), as `git status --short` lines. */
  uncommittedChanges(): string[];
  /** The full id of `revision` when it names a commit. */
  resolveCommit(revision: string): string | undefined;
  /** `abc1234 "subject"`, to name a commit in messages. */
  describeCommit(commit: string): string;
  /** The oldest commit touching `cwd` whose message is `message`. */
  findCommit(message: string): string | undefined;
  /** The files under `cwd` in `commit`, by path relative to `cwd` (links and submodules left out). */
  filesAt(commit: string): Map<string, Buffer>;
}

export function gitRepository(cwd: string): GitRepository | undefined {
  const git = (args: string[], input?: string) => spawnSync('git', args, { cwd, input, maxBuffer: 256 * 1024 * 1024 });
  const text = (args: string[]) => {
    const result = git(args);
    return result.status === 0 ? result.stdout.toString('utf8').trim() : undefined;
  };
  if (text(['rev-parse', '--is-inside-work-tree']) !== 'true') return undefined;
  return {
    // Not trimmed: each line starts with its two status letters, the first of which may be a space.
    uncommittedChanges: () => git(['status', '--porcelain', '--untracked-files=all', '--', '.']).stdout.toString('utf8').split('\n').filter(Boolean),
    resolveCommit: (revision) => text(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`]) || undefined,
    describeCommit: (commit) => {
      const [short, ...subject] = (text(['log', '-1', '--format=%h %s', commit]) ?? commit).split(' ');
      return `${short} ${JSON.stringify(subject.join(' '))}`;
    },
    findCommit: (message) => {
      const ids = text(['log', '--format=%H', '--fixed-strings', `--grep=${message}`, '--', '.']);
      return ids ? ids.split('\n').at(-1) : undefined;
    },
    filesAt: (commit) => {
      const listing = git(['ls-tree', '-r', '-z', commit, '--', '.']).stdout.toString('utf8');
      const blobs = listing
        .split('\0')
        .filter(Boolean)
        .map((entry) => /^(\d+) blob ([0-9a-f]+)\t(.*)$/s.exec(entry))
        .filter((match): match is RegExpExecArray => match !== null && match[1] !== '120000');
      const contents = readBlobs(
        git,
        blobs.map((match) => match[2]!),
      );
      return new Map(blobs.map((match, i) => [match[3]!, contents[i]!]));
    },
  };
}

/** The contents of `ids`, in order, through one `git cat-file --batch`. */
function readBlobs(git: (args: string[], input?: string) => ReturnType<typeof spawnSync>, ids: string[]): Buffer[] {
  if (ids.length === 0) return [];
  const output = git(['cat-file', '--batch'], `${ids.join('\n')}\n`).stdout as Buffer;
  const blobs: Buffer[] = [];
  let at = 0;
  for (const id of ids) {
    const headerEnd = output.indexOf(10, at);
    const header = output.subarray(at, headerEnd).toString('utf8');
    const size = Number(/^[0-9a-f]+ blob (\d+)$/.exec(header)?.[1]);
    if (!Number.isInteger(size)) throw new Error(`git cat-file could not read ${id}: ${header}`);
    blobs.push(output.subarray(headerEnd + 1, headerEnd + 1 + size));
    at = headerEnd + 1 + size + 1;
  }
  return blobs;
}
