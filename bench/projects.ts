/**
 * The projects the bench compares: ours, made by create-log-lambda, and the ones users would start
 * from otherwise, create-vite's (for the scaffold alone) and `cdk init app --language typescript`.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setup, timeCommand, timeOnce, timeRounds, timing, type Timing } from './measure.js';

const require = createRequire(import.meta.url);
const repo = fileURLToPath(new URL('../..', import.meta.url)); // this runs bundled, from bench/dist/

export const bins = {
  createLogLambda: path.join(repo, 'packages/create-log-lambda/dist/index.js'),
  createVite: require.resolve('create-vite/index.js'),
  cdk: require.resolve('aws-cdk/bin/cdk'),
};

const node = process.execPath;
const logGroup = ['--log-group', '/aws/lambda/versions'];

/** A function that empties `folder` (creating it): what each run starts from. */
const fresh = (folder: string, create = true) => () => {
  rmSync(folder, { recursive: true, force: true });
  if (create) mkdirSync(folder, { recursive: true });
};

export type ScaffoldRow = 'createLogLambda' | 'createVite' | 'cdkInit' | 'nodeStart' | 'loadOnly';

/** The time from the command to a written project, without installing, in alternating rounds. */
export function scaffoldTimes(workspace: string, rounds: number): Record<ScaffoldRow, Timing> {
  const inside = (name: string) => path.join(workspace, name);
  return timeRounds(
    {
      createLogLambda: {
        command: node,
        args: [bins.createLogLambda, 'demo', ...logGroup, '--yes', '--skip-install', '--no-git'],
        cwd: workspace,
        prepare: fresh(inside('demo'), false),
      },
      createVite: {
        command: node,
        args: [bins.createVite, 'vite-demo', '--template', 'vanilla-ts', '--no-interactive'],
        cwd: workspace,
        prepare: fresh(inside('vite-demo'), false),
      },
      cdkInit: { command: node, args: [bins.cdk, 'init', 'app', '--language', 'typescript', '--generate-only'], cwd: inside('cdk-demo'), prepare: fresh(inside('cdk-demo')) },
      // Where create-log-lambda's time goes: starting Node, and loading its one file (--version
      // answers right after that).
      nodeStart: { command: node, args: ['-e', ''], cwd: workspace },
      loadOnly: { command: node, args: [bins.createLogLambda, '--version'], cwd: workspace },
    },
    rounds,
  );
}

export interface FirstGreen {
  /** Creating the project, with its install (and git). */
  create: Timing;
  test: Timing;
  synth: Timing;
  total: Timing;
}

/**
 * Time to first green, as a new user gets there: create the project with its install, `npm test`,
 * `npx cdk synth`; ours and cdk init's in alternating rounds, each from an empty folder.
 */
export function firstGreen(workspace: string, rounds: number): { ours: FirstGreen; cdkInit: FirstGreen } {
  const ours = path.join(workspace, 'green-ours');
  const cdkInit = path.join(workspace, 'green-cdk-init');
  const create = {
    ours: () => {
      fresh(ours, false)();
      return timeOnce(node, [bins.createLogLambda, path.basename(ours), ...logGroup, '--yes'], workspace);
    },
    cdkInit: () => {
      fresh(cdkInit)();
      return timeOnce(node, [bins.cdk, 'init', 'app', '--language', 'typescript'], cdkInit);
    },
  };
  const runs = { ours: [] as number[][], cdkInit: [] as number[][] };
  for (let round = 0; round < rounds; round++) {
    for (const [name, folder] of [['ours', ours], ['cdkInit', cdkInit]] as const) {
      runs[name].push([create[name](), timeOnce('npm', ['test'], folder), timeOnce('npx', ['cdk', 'synth', '--quiet', '--no-notices'], folder)]);
    }
  }
  const summary = (phases: number[][]): FirstGreen => ({
    create: timing(phases.map(([seconds]) => seconds!)),
    test: timing(phases.map(([, seconds]) => seconds!)),
    synth: timing(phases.map(([, , seconds]) => seconds!)),
    total: timing(phases.map((run) => run.reduce((sum, seconds) => sum + seconds, 0))),
  });
  return { ours: summary(runs.ours), cdkInit: summary(runs.cdkInit) };
}

/** Makes and installs both projects; returns their folders. */
export function installedProjects(workspace: string): { ours: string; cdkInit: string } {
  const ours = path.join(workspace, 'ours');
  setup(node, [bins.createLogLambda, 'ours', ...logGroup, '--yes', '--no-git'], workspace);
  const cdkInit = path.join(workspace, 'cdkinit');
  mkdirSync(cdkInit, { recursive: true });
  setup(node, [bins.cdk, 'init', 'app', '--language', 'typescript', '--generate-only'], cdkInit);
  setup('npm', ['install', '--no-audit', '--no-fund'], cdkInit);
  return { ours, cdkInit };
}

/** `npm test` and `cdk synth` in an installed project. */
export function dailyLoop(project: string, times: number): { test: Timing; synth: Timing } {
  return { test: timeCommand('npm', ['test'], { cwd: project, times }), synth: synthTime(project, times) };
}

export function synthTime(project: string, times: number, flags: string[] = []): Timing {
  return timeCommand('npx', ['cdk', 'synth', '--quiet', '--no-notices', ...flags], { cwd: project, times });
}

/** `npm run validate`: the synth with aws-cdk-lib's built-in CloudFormation validation. */
export function validateTime(project: string, times: number): Timing {
  return timeCommand('npm', ['run', 'validate'], { cwd: project, times });
}
