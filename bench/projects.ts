/**
 * The projects the bench compares: ours, made by create-log-lambda, and the one users would start
 * from otherwise, `cdk init app --language typescript`. Both installed once, then timed.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setup, timeCommand, type Timing } from './measure.js';

const require = createRequire(import.meta.url);
const repo = fileURLToPath(new URL('../..', import.meta.url)); // this runs bundled, from bench/dist/

export const bins = {
  createLogLambda: path.join(repo, 'packages/create-log-lambda/dist/index.js'),
  createVite: require.resolve('create-vite/index.js'),
  cdk: require.resolve('aws-cdk/bin/cdk'),
};

const node = process.execPath;

export type ScaffoldRow = 'createLogLambda' | 'createVite' | 'cdkInit' | 'nodeStart' | 'yeomanLoad';

export function scaffoldTimes(workspace: string, times: number): Record<ScaffoldRow, Timing> {
  const folder = (name: string) => {
    const dir = path.join(workspace, name);
    return () => {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
    };
  };
  const inside = (name: string) => path.join(workspace, name);
  return {
    createLogLambda: timeCommand(node, [bins.createLogLambda, 'demo', '--log-group', '/aws/lambda/versions', '--yes', '--skip-install', '--no-git'], {
      cwd: workspace,
      times,
      prepare: () => rmSync(inside('demo'), { recursive: true, force: true }),
    }),
    createVite: timeCommand(node, [bins.createVite, 'vite-demo', '--template', 'vanilla-ts', '--no-interactive'], {
      cwd: workspace,
      times,
      prepare: () => rmSync(inside('vite-demo'), { recursive: true, force: true }),
    }),
    cdkInit: timeCommand(node, [bins.cdk, 'init', 'app', '--language', 'typescript', '--generate-only'], {
      cwd: inside('cdk-demo'),
      times,
      prepare: folder('cdk-demo'),
    }),
    // Where create-log-lambda's time goes: starting Node, and loading yeoman-environment.
    nodeStart: timeCommand(node, ['-e', ''], { cwd: workspace, times }),
    yeomanLoad: timeCommand(node, ['--input-type=module', '-e', "await import('yeoman-environment')"], { cwd: path.dirname(path.dirname(bins.createLogLambda)), times }),
  };
}

/** Makes and installs both projects; returns their folders. */
export function installedProjects(workspace: string): { ours: string; cdkInit: string } {
  const ours = path.join(workspace, 'ours');
  setup(node, [bins.createLogLambda, 'ours', '--log-group', '/aws/lambda/versions', '--yes', '--no-git'], workspace);
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
