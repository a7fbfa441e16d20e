import { spawnSync } from 'node:child_process';

type Log = (line: string) => void;

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
  const commit = git('commit', '--quiet', '--message', 'Initial commit from log-lambda');
  if (commit.status !== 0) {
    return log(`Initialised a git repository with the files staged; commit them yourself (${commit.stderr.trim().split('\n')[0]})`);
  }
  log('Initialised a git repository with a first commit');
}
