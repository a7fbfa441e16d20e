// Records the project a release of log-lambda generates, as the starting point of the upgrade
// tests: test/fixtures/releases/<version>.json, { version, commit, args, initialCommit, files }.
//
//   node scripts/release-fixture.mjs <release commit>
//
// The release is exported from git (`git archive`, so no worktree is registered in the repository),
// installed and built in a temporary folder, and its own create-log-lambda is run there with ARGS,
// git on, as a user runs it. Every file it wrote is kept, dotfiles included, except .git: the
// message of the release's first commit is kept instead (initialCommit), and
// test/support/release-fixture.ts makes that commit again from the files. No node_modules either
// (--skip-install). One JSON file rather than a folder: a generated .gitignore cannot then apply to
// the repository, and no file of the fixture is mistaken for one of ours.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
/** The answers every fixture is made with: the ones the upgrade tests edit and compare against. */
const ARGS = ['my-app', '--log-group', '/aws/lambda/versions', '--yes', '--skip-install'];
/** Who makes the release's first commit (thrown away with the temporary folder). */
const gitIdentity = { GIT_AUTHOR_NAME: 'Test User', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test User', GIT_COMMITTER_EMAIL: 'test@example.com' };

const [revision] = process.argv.slice(2);
if (!revision || process.argv.length > 3) {
  console.error('usage: node scripts/release-fixture.mjs <release commit>');
  process.exit(2);
}

/** A user's shell: none of the npm_* variables or node_modules/.bin folders a package manager running this script adds. */
function userShell() {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|pnpm_)/i.test(name)));
  env.PATH = (env.PATH ?? '')
    .split(path.delimiter)
    .filter((folder) => !/node_modules[\\/]\.bin$|node-gyp-bin$/.test(folder))
    .join(path.delimiter);
  return { ...env, ...gitIdentity, FORCE_COLOR: '0', NO_COLOR: '1' };
}

function run(command, args, cwd) {
  console.error(`$ ${command} ${args.join(' ')}`);
  const child = spawnSync(command, args, { cwd, env: userShell(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${child.status}) in ${cwd}:\n${child.stdout}${child.stderr}${child.error ?? ''}`);
  return child.stdout;
}

/** Every file under `root` but .git and node_modules, by its path with forward slashes. */
function filesOf(root) {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .map((entry) => ({ entry, file: path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/') }))
    .filter(({ entry, file }) => !entry.isDirectory() && !file.split('/').some((part) => part === '.git' || part === 'node_modules'))
    .map(({ entry, file }) => {
      if (!entry.isFile()) throw new Error(`${file} is not a regular file: a fixture holds only files`);
      return file;
    })
    .sort();
}

const commit = run('git', ['rev-parse', '--verify', `${revision}^{commit}`], repoRoot).trim();
const version = JSON.parse(run('git', ['show', `${commit}:package.json`], repoRoot)).version;
const workspace = mkdtempSync(path.join(tmpdir(), `log-lambda-release-${version}-`));
try {
  const release = path.join(workspace, 'release');
  mkdirSync(release);
  const archive = spawnSync('git', ['archive', '--format=tar', commit], { cwd: repoRoot, maxBuffer: 1024 * 1024 * 1024 });
  if (archive.status !== 0) throw new Error(`git archive ${commit} failed (a shallow clone lacks it): ${archive.stderr}`);
  const untar = spawnSync('tar', ['-x', '-C', release], { input: archive.stdout });
  if (untar.status !== 0) throw new Error(`tar -x failed: ${untar.stderr}`);
  run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], release);
  run('pnpm', ['build'], release);
  // 0.1.0's `pnpm build` did not build the create door; later ones do, and building again is harmless.
  run('pnpm', ['--filter', 'create-log-lambda', 'build'], release);

  const cwd = path.join(workspace, 'user');
  mkdirSync(cwd);
  run(process.execPath, [path.join(release, 'packages/create-log-lambda/dist/index.js'), ...ARGS], cwd);
  const project = path.join(cwd, ARGS[0]);
  const paths = filesOf(project);
  // The release's first commit, which 0.1.0's upgrade takes its base from: its message, and a
  // check that it holds every file, so that `git add --all` makes the same tree again.
  const commits = run('git', ['log', '--format=%s'], project).trim().split('\n');
  if (commits.length !== 1) throw new Error(`log-lambda ${version} made ${commits.length} commits, not one: ${commits.join(', ')}`);
  const committed = run('git', ['ls-tree', '-r', '-z', '--name-only', 'HEAD'], project).split('\0').filter(Boolean).sort();
  if (committed.join('\n') !== paths.join('\n'))
    throw new Error(`log-lambda ${version}'s first commit does not hold exactly the files it generated:\n${committed.join(' ')}\n${paths.join(' ')}`);
  const files = {};
  for (const file of paths) {
    const bytes = readFileSync(path.join(project, file));
    const text = bytes.toString('utf8');
    if (!Buffer.from(text, 'utf8').equals(bytes)) throw new Error(`${file} is not UTF-8 text: a fixture holds text only`);
    if (statSync(path.join(project, file)).mode & 0o111) throw new Error(`${file} is executable: a fixture does not record modes`);
    files[file] = text;
  }
  const out = path.join(repoRoot, 'test/fixtures/releases', `${version}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ version, commit, args: ARGS, initialCommit: commits[0], files }, null, 2)}\n`);
  console.error(`wrote ${path.relative(repoRoot, out)}: ${Object.keys(files).length} files generated by log-lambda ${version} (${commit.slice(0, 7)})`);
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
