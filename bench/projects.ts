/**
 * The projects the bench compares: ours, made by create-log-lambda, and the ones users would start
 * from otherwise, create-vite's (for the scaffold alone) and `cdk init app --language typescript`;
 * and, for time to first green, the floor both CDK projects stand on: installing aws-cdk-lib and
 * constructs.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectDependencies } from '@log-lambda/shared';
import { perRound, setup, timeCommand, timed, timeOnce, timeRounds, timing, type PerRound, type Timing } from './measure.js';

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
const fresh =
  (folder: string, create = true) =>
  () => {
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

export interface FirstGreenRun {
  ours: FirstGreen & {
    /** The install inside create, as create-log-lambda reports it ("Installed dependencies in 5.2s"). */
    install: Timing;
  };
  /** The least any tool can do: `npm install` of the project's aws-cdk-lib and constructs pins. */
  floor: { command: string; total: Timing };
  cdkInit: FirstGreen & {
    /** The aws-cdk-lib cdk init's project installed (its own pin, not ours). */
    awsCdkLib: string;
  };
  perRound: { oursToFloor: PerRound; cdkInitToFloor: PerRound; oursToCdkInit: PerRound };
  /** How the npm cache was handled: the same for all three. */
  cache: { folder: string; note: string };
  /** The order of the three in each timed round (rotated, so that none always runs first). */
  order: string[][];
}

/** The pins the floor installs: a generated project's own aws-cdk-lib and constructs. */
export const floorPins = (['aws-cdk-lib', 'constructs'] as const).map((name) => `${name}@${projectDependencies[name]}`);

type Contender = 'ours' | 'floor' | 'cdkInit';

/**
 * Time to first green, as a new user gets there: create the project with its install, `npm test`,
 * `npx cdk synth`; ours and cdk init's, and the floor under both (an empty folder with a minimal
 * package.json, then `npm install` of our aws-cdk-lib and constructs pins), each from an empty
 * folder, in rounds that run all three (in a rotated order). An untimed pass of all three first
 * fills the npm cache, which is never cleared: every timed install runs with the cache warm.
 */
export function firstGreen(workspace: string, rounds: number): FirstGreenRun {
  const folders: Record<Contender, string> = {
    ours: path.join(workspace, 'green-ours'),
    floor: path.join(workspace, 'green-floor'),
    cdkInit: path.join(workspace, 'green-cdk-init'),
  };
  const npmTestAndSynth = (folder: string) => [timeOnce('npm', ['test'], folder), timeOnce('npx', ['cdk', 'synth', '--quiet', '--no-notices'], folder)];
  /** One pass of a contender from an empty folder: the seconds of each phase, and for ours the install inside create. */
  const pass: Record<Contender, () => { phases: number[]; install?: number }> = {
    ours: () => {
      fresh(folders.ours, false)();
      const created = timed(node, [bins.createLogLambda, path.basename(folders.ours), ...logGroup, '--yes'], workspace);
      const reported = /Installed dependencies in ([\d.]+)s/.exec(created.output);
      if (!reported) throw new Error(`create-log-lambda did not report its install:\n${created.output}`);
      checkPins(folders.ours, true);
      return { phases: [created.seconds, ...npmTestAndSynth(folders.ours)], install: Number(reported[1]) };
    },
    floor: () => {
      fresh(folders.floor)();
      writeFileSync(path.join(folders.floor, 'package.json'), `${JSON.stringify({ name: 'floor', version: '1.0.0', private: true }, null, 2)}\n`);
      const seconds = timeOnce('npm', ['install', ...floorPins], folders.floor);
      checkPins(folders.floor, false);
      return { phases: [seconds] };
    },
    cdkInit: () => {
      fresh(folders.cdkInit)();
      return { phases: [timeOnce(node, [bins.cdk, 'init', 'app', '--language', 'typescript'], folders.cdkInit), ...npmTestAndSynth(folders.cdkInit)] };
    },
  };

  const contenders: Contender[] = ['ours', 'floor', 'cdkInit'];
  for (const name of contenders) pass[name](); // the untimed warm-up pass
  const runs: Record<Contender, number[][]> = { ours: [], floor: [], cdkInit: [] };
  const installs: number[] = [];
  const order: string[][] = [];
  for (let round = 0; round < rounds; round++) {
    const thisRound = contenders.map((_, i) => contenders[(i + round) % contenders.length]!);
    order.push(thisRound);
    for (const name of thisRound) {
      const { phases, install } = pass[name]();
      runs[name].push(phases);
      if (install !== undefined) installs.push(install);
    }
  }

  const phase = (all: number[][], i: number) => timing(all.map((phases) => phases[i]!));
  const totals = Object.fromEntries(contenders.map((name) => [name, runs[name].map((phases) => phases.reduce((sum, seconds) => sum + seconds, 0))])) as Record<Contender, number[]>;
  const summary = (name: 'ours' | 'cdkInit'): FirstGreen => ({
    create: phase(runs[name], 0),
    test: phase(runs[name], 1),
    synth: phase(runs[name], 2),
    total: timing(totals[name]),
  });
  const cacheFolder = setup('npm', ['config', 'get', 'cache'], workspace).trim();
  return {
    ours: { ...summary('ours'), install: timing(installs) },
    floor: { command: `npm install ${floorPins.join(' ')}`, total: timing(totals.floor) },
    cdkInit: { ...summary('cdkInit'), awsCdkLib: installedVersion(folders.cdkInit, 'aws-cdk-lib') },
    perRound: { oursToFloor: perRound(totals.ours, totals.floor), cdkInitToFloor: perRound(totals.cdkInit, totals.floor), oursToCdkInit: perRound(totals.ours, totals.cdkInit) },
    cache: { folder: cacheFolder, note: 'warm for all three: the default npm cache, never cleared; an untimed pass of all three filled it before the timed rounds' },
    order,
  };
}

function installedVersion(project: string, name: string): string {
  return (JSON.parse(readFileSync(path.join(project, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * The floor installs what a generated project depends on: our project's package.json names the
 * same pins (`declared`), and both installed exactly those versions.
 */
function checkPins(project: string, declared: boolean): void {
  const { dependencies = {} } = JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const name of ['aws-cdk-lib', 'constructs'] as const) {
    const pin = projectDependencies[name];
    if (declared && dependencies[name] !== pin) throw new Error(`${project}/package.json depends on ${name}@${dependencies[name]}, the floor installs ${pin}`);
    const installed = installedVersion(project, name);
    if (installed !== pin) throw new Error(`${project} installed ${name}@${installed}, not the pin ${pin}`);
  }
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
