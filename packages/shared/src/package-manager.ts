import { shellArg, shellFor, type Shell } from './escape.js';

/**
 * The package managers a generated project can be installed with, and the commands each uses.
 */
export const packageManagers = ['npm', 'pnpm', 'yarn', 'bun'] as const;
export type PackageManager = (typeof packageManagers)[number];

/**
 * The package manager that launched us, from `npm_config_user_agent`
 * (e.g. `pnpm/10.34.9 npm/? node/v20.20.2 linux x64`); npm when it cannot be told.
 */
export function detectPackageManager(userAgent: string | undefined): PackageManager {
  const name = userAgent?.split('/')[0];
  return packageManagers.find((pm) => pm === name) ?? 'npm';
}

export function checkPackageManager(value: string): string | undefined {
  return packageManagers.includes(value as PackageManager) ? undefined : `${JSON.stringify(value)} is not one of ${packageManagers.join(', ')}`;
}

/**
 * How each runs a package.json script. Only yarn runs any script bare: `pnpm deploy` and
 * `bun test` are built-in commands, not the project's scripts.
 */
export function runScript(pm: PackageManager, script: string): string {
  if (pm === 'yarn') return `yarn ${script}`;
  if (script === 'test' && pm !== 'bun') return `${pm} test`;
  return `${pm} run ${script}`;
}

/**
 * `cd <directory>` that a shell runs as nothing else, whatever the folder is called (quotes,
 * `$(…)`, `;`, a leading `-`).
 */
export function cdCommand(directory: string, shell: Shell = shellFor()): string {
  return `cd ${shellArg(directory.startsWith('-') ? `./${directory}` : directory, shell)}`;
}

/** What to type after generating, create-vite style. */
export function nextSteps({
  directory,
  packageManager,
  installed,
  shell = shellFor(),
}: {
  directory: string;
  packageManager: PackageManager;
  installed: boolean;
  shell?: Shell;
}): string[] {
  return [
    ...(directory ? [cdCommand(directory, shell)] : []),
    ...(installed ? [] : [`${packageManager} install`]),
    runScript(packageManager, 'test'),
    runScript(packageManager, 'synth'),
    `${runScript(packageManager, 'deploy')}   # with AWS credentials, after \`npx cdk bootstrap\` once`,
  ];
}

/** Thrown when the project was written but its dependencies could not be installed: the project stays. */
export class InstallError extends Error {
  override readonly name = 'InstallError';
}

/** The lock file each package manager writes, most specific first. */
const lockFiles: ReadonlyArray<[string, PackageManager]> = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

/** The package manager a folder is installed with, from the names of the files in it. */
export function packageManagerOfLockFile(fileNames: readonly string[]): PackageManager | undefined {
  return lockFiles.find(([lockFile]) => fileNames.includes(lockFile))?.[1];
}
