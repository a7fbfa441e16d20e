/**
 * Projects made by earlier releases of log-lambda, as their users have them: the files a release's
 * create-log-lambda generated (test/fixtures/releases/<version>.json, recorded by
 * scripts/release-fixture.mjs), written into a folder, and the first commit that release made
 * when git was on, made again from them. 0.1.0 records no base: its upgrade reads what it
 * generated from that commit ("Initial commit from log-lambda"), so the commit must be there as a
 * user of 0.1.0 has it. Later releases record their base in .log-lambda/base.json, and their users
 * have the same first commit.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The releases with a fixture: the starting points of an upgrade. */
export const RELEASES = ['0.1.0', '0.2.0'] as const;
export type Release = (typeof RELEASES)[number];

export interface ReleaseFixture {
  version: Release;
  /** The commit of this repository the release was built from. */
  commit: string;
  /** What its create-log-lambda was run with: the project folder first. */
  args: string[];
  /** The message of the first commit the release made (git on): the whole project, as generated. */
  initialCommit: string;
  /** Every file it generated, dotfiles included, by `/`-separated path: UTF-8 text. */
  files: Record<string, string>;
}

const fixtures = path.resolve(import.meta.dirname, '../fixtures/releases');

export function releaseFixture(version: Release): ReleaseFixture {
  return JSON.parse(readFileSync(path.join(fixtures, `${version}.json`), 'utf8')) as ReleaseFixture;
}

/** The test identity of the first commit (a user's own name in real life; nothing reads it). */
const identity = ['-c', 'user.name=Test User', '-c', 'user.email=test@example.com'];

function git(cwd: string, ...args: string[]): void {
  // Settings of the machine's own git config that would change what is committed, or fail it, set aside.
  const result = spawnSync('git', [...identity, '-c', 'core.autocrlf=false', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${result.stderr}`);
}

/**
 * The project log-lambda `version` generated, in a new folder `cwd/<its name>` (my-app), with the
 * first commit the release made unless `git` is false (a project made with --no-git, or kept out of
 * git so that a test may leave changes uncommitted). Returns the project folder.
 */
export function projectOfRelease(version: Release, cwd: string, { git: withGit = true } = {}): string {
  const fixture = releaseFixture(version);
  const project = path.join(cwd, fixture.args[0]!);
  mkdirSync(cwd, { recursive: true });
  mkdirSync(project);
  for (const [file, text] of Object.entries(fixture.files)) {
    mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
    writeFileSync(path.join(project, file), text);
  }
  if (withGit) {
    // As the release did it (generators/common/git.ts at its commit): init, add everything, commit.
    git(project, 'init', '--quiet');
    git(project, 'add', '--all');
    git(project, 'commit', '--quiet', '--message', fixture.initialCommit);
  }
  return project;
}
