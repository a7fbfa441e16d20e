/**
 * A private npm registry for the end-to-end tests: verdaccio on 127.0.0.1 at a free port, its
 * storage in a temporary folder. The packages published to it are served from there; every
 * other package comes through it from the registry npm is configured with. It stops when
 * stop() is called, when the test process ends, and in any case after `lifetimeMs`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createPackage } from './create-cli.js';
import { cleanShell, run } from './run.js';

export interface Registry {
  url: string;
  /** An npm user config that points at this registry and may publish to it. */
  userconfig: string;
  /** What a shell that uses this registry has in its environment. */
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

const verdaccio = path.dirname(createRequire(path.join(createPackage, 'package.json')).resolve('verdaccio/package.json'));

/**
 * Runs in the registry's own process: the server listens on port 0 (so the system picks a free
 * port, with no race) and writes the port to a file. It exits when its parent's pipe closes.
 */
const launcher = `
const [verdaccio, config, portFile, lifetimeMs] = process.argv.slice(1);
require(verdaccio + '/build/lib/logger').setup({ type: 'stdout', format: 'pretty', level: 'warn', colors: false });
require(verdaccio).runServer(config).then((app) => {
  const server = app.listen(0, '127.0.0.1', () => require('node:fs').writeFileSync(portFile, String(server.address().port)));
});
process.stdin.on('end', () => process.exit(0)).resume();
setTimeout(() => process.exit(0), Number(lifetimeMs)).unref();
`;

/** Packages that must come from this registry only, never from the one upstream. */
function config(root: string, upstream: string, ownPackages: readonly string[]): string {
  const own = ownPackages.map((name) => `  '${name}':\n    access: $all\n    publish: $anonymous\n`).join('');
  return `storage: ${JSON.stringify(path.join(root, 'storage'))}
uplinks:
  upstream:
    url: ${JSON.stringify(upstream)}
    timeout: 60s
    max_fails: 5
packages:
${own}  '**':
    access: $all
    proxy: upstream
max_body_size: 200mb
web:
  enable: false
`;
}

export async function startRegistry(root: string, ownPackages: readonly string[], { lifetimeMs = 30 * 60_000 } = {}): Promise<Registry> {
  mkdirSync(root, { recursive: true });
  const upstream = spawnSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).stdout.trim() || 'https://registry.npmjs.org/';
  const configFile = path.join(root, 'config.yaml');
  const portFile = path.join(root, 'port');
  writeFileSync(configFile, config(root, upstream, ownPackages));
  const log = openSync(path.join(root, 'verdaccio.log'), 'a');
  const child = spawn(process.execPath, ['-e', launcher, verdaccio, configFile, portFile, String(lifetimeMs)], {
    stdio: ['pipe', log, log],
  });
  closeSync(log);
  let running = true;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running = false;
      resolve();
    }),
  );

  const deadline = Date.now() + 30_000;
  while (!existsSync(portFile)) {
    if (!running || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`verdaccio did not start:\n${readFileSync(path.join(root, 'verdaccio.log'), 'utf8')}`);
    }
    await sleep(100);
  }
  const url = `http://127.0.0.1:${readFileSync(portFile, 'utf8')}/`;
  const userconfig = path.join(root, 'npmrc');
  // Publishing is anonymous, but npm wants a token to send: verdaccio ignores one it does not know.
  writeFileSync(userconfig, `registry=${url}\n${url.replace(/^http:/, '')}:_authToken=anonymous\nfund=false\naudit=false\nupdate-notifier=false\n`);

  return {
    url,
    userconfig,
    env: { npm_config_registry: url, npm_config_userconfig: userconfig },
    async stop() {
      if (!running) return;
      child.stdin?.end();
      const stopped = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
      if (!stopped) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * `pnpm pack` of the two published packages, generator-log-lambda (the workspace root, built by
 * `pnpm build`) and create-log-lambda (built by its prepack), into `destination`.
 */
export function packPackages(destination: string): string[] {
  for (const folder of [repoRoot, createPackage]) run('pnpm', ['pack', '--pack-destination', destination], folder);
  return readdirSync(destination)
    .filter((file) => /^(generator|create)-log-lambda-.*\.tgz$/.test(file))
    .map((file) => path.join(destination, file));
}

export function publish(registry: Registry, tarballs: readonly string[], cwd: string): void {
  for (const tarball of tarballs) run('npm', ['publish', tarball], cwd, userShell(registry));
}

/** The environment of a user's shell whose npm uses `registry` (see cleanShell). */
export function userShell(registry: Registry, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return cleanShell({ ...registry.env, ...extra });
}
