/**
 * `pnpm bench`: how log-lambda compares, measured side by side in one run on one machine. Prints a
 * table and writes bench/results.json; every figure is a median of several runs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchHandler } from './handler.js';
import { benchMatcher } from './matcher.js';
import { benchMerge } from './merge.js';
import { dailyLoop, installedProjects, scaffoldTimes, synthTime } from './projects.js';

const say = (line: string) => console.log(line);
const s = (seconds: number) => `${seconds.toFixed(2)} s`;
const x = (ratio: number) => `${ratio.toFixed(2)}x`;

const workspace = mkdtempSync(path.join(os.tmpdir(), 'log-lambda-bench-'));
try {
  say('1/5 scaffold: create-log-lambda vs create-vite vs cdk init (5 runs each, no install)');
  const scaffold = scaffoldTimes(workspace, 5);

  say('2/5 daily loop: installing our project and a cdk init project, then npm test and cdk synth (3 runs each)');
  const { ours, cdkInit } = installedProjects(workspace);
  const loop = { ours: dailyLoop(ours, 3), cdkInit: dailyLoop(cdkInit, 3), oursNoValidation: synthTime(ours, 3, ['--no-validation']) };

  say('3/5 handler: bundle size, decoding a 1 MB batch of 10,000 events, peak memory');
  const handler = await benchHandler(ours);

  say('4/5 filter-pattern matcher: lines per second per pattern kind vs a hand-written baseline');
  const matcher = benchMatcher();

  say('5/5 upgrade: the three-way merge vs git merge-file --diff3 (median of 21 runs; 3 for the hostile pair)');
  const merge = benchMerge();

  const rows: Array<[string, string, string, string]> = [
    ['scaffold: create-log-lambda', s(scaffold.createLogLambda.median), `${x(scaffold.createLogLambda.median / scaffold.createVite.median)} create-vite (${s(scaffold.createVite.median)})`, 'within 2x'],
    ['  of which: loading yeoman-environment', s(scaffold.yeomanLoad.median), `node alone starts in ${s(scaffold.nodeStart.median)}`, ''],
    ['scaffold: cdk init --generate-only', s(scaffold.cdkInit.median), `ours takes ${x(scaffold.createLogLambda.median / scaffold.cdkInit.median)} its time`, ''],
    ['npm test', s(loop.ours.test.median), `${x(loop.ours.test.median / loop.cdkInit.test.median)} cdk init's (${s(loop.cdkInit.test.median)}, one empty test)`, '0.33x (3x faster)'],
    ['cdk synth', s(loop.ours.synth.median), `${x(loop.ours.synth.median / loop.cdkInit.synth.median)} cdk init's (${s(loop.cdkInit.synth.median)}, an empty stack)`, '0.33x (3x faster)'],
    ['  without CloudFormation validation', s(loop.oursNoValidation.median), `${x(loop.oursNoValidation.median / loop.cdkInit.synth.median)} cdk init's: cdk synth --no-validation`, ''],
    ['handler bundle', `${handler.bundleBytes} B`, '', 'under 10 KB'],
    ['decode 1 MB batch (10k events)', `${handler.decodeMs.toFixed(1)} ms`, `${x(handler.ratio)} bare gunzip+JSON.parse (${handler.bareMs.toFixed(1)} ms)`, 'within 1.3x'],
    ['peak memory for that batch', `+${handler.peakRssDeltaMb.toFixed(1)} MB RSS`, '', ''],
    ...matcher.map((m): [string, string, string, string] => [
      `matcher: ${m.kind}`,
      `${(m.linesPerSecond / 1e6).toFixed(2)} M lines/s`,
      `${x(m.ratio)} slower than baseline (${(m.baselinePerSecond / 1e6).toFixed(2)} M/s)`,
      'within 2x',
    ]),
    ...merge.map((m, i): [string, string, string, string] => [
      `merge: ${m.case}`,
      `${m.oursMs.toFixed(1)} ms`,
      `${x(m.oursMs / m.gitMs)} git merge-file (${m.gitMs.toFixed(1)} ms, one process)${i === 0 ? `; same output: ${m.sameAsGit ? 'yes' : 'NO'}` : ''}`,
      i === 0 ? 'within 3x of git' : 'under 1 s (no quadratic blow-up)',
    ]),
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  say('');
  for (const row of rows) say(row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : `goal: ${cell || '-'}`)).join('  '));

  const machine = { cpu: os.cpus()[0]?.model, cores: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.arch()}` };
  const results = { date: new Date().toISOString(), machine, scaffold, loop, handler, matcher, merge };
  const file = fileURLToPath(new URL('../results.json', import.meta.url)); // this runs bundled, from bench/dist/
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  say(`\nmachine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}; written to bench/results.json`);
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
