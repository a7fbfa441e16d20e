/**
 * `pnpm bench`: how log-lambda compares, measured side by side in one run on one machine. Prints a
 * table and writes bench/results.json; every figure is a median of several runs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADVERSARIAL_BUDGET_MS, benchAdversarial } from './adversarial.js';
import { benchHandler } from './handler.js';
import { benchMatcher } from './matcher.js';
import { benchMerge } from './merge.js';
import { dailyLoop, installedProjects, scaffoldTimes, synthTime } from './projects.js';

const say = (line: string) => console.log(line);
const s = (seconds: number) => `${seconds.toFixed(2)} s`;
const x = (ratio: number) => `${ratio.toFixed(2)}x`;

const workspace = mkdtempSync(path.join(os.tmpdir(), 'log-lambda-bench-'));
try {
  say('1/6 scaffold: create-log-lambda vs create-vite vs cdk init (5 runs each, no install)');
  const scaffold = scaffoldTimes(workspace, 5);

  say('2/6 daily loop: installing our project and a cdk init project, then npm test and cdk synth (3 runs each)');
  const { ours, cdkInit } = installedProjects(workspace);
  const loop = { ours: dailyLoop(ours, 3), cdkInit: dailyLoop(cdkInit, 3), oursNoValidation: synthTime(ours, 3, ['--no-validation']) };

  say('3/6 handler: bundle size, a 1 MB batch of 10,000 events decoded and logged, peak memory, a gzip bomb');
  const handler = await benchHandler(ours);

  say('4/6 filter-pattern matcher: lines per second per pattern kind vs a hand-written baseline');
  const matcher = benchMatcher();

  say(`5/6 filter-pattern matcher on adversarial patterns, one 10 KB line each (budget ${ADVERSARIAL_BUDGET_MS} ms)`);
  const adversarial = benchAdversarial();
  const slowest = adversarial.reduce((worst, row) => (row.ms > worst.ms ? row : worst));
  say('6/6 upgrade: the three-way merge vs git merge-file --diff3 (median of 21 runs; 3 for the hostile pair)');
  const merge = benchMerge();

  const rows: Array<[string, string, string, string]> = [
    ['scaffold: create-log-lambda', s(scaffold.createLogLambda.median), `${x(scaffold.createLogLambda.median / scaffold.createVite.median)} create-vite (${s(scaffold.createVite.median)})`, 'within 2x'],
    ['  of which: loading yeoman-environment', s(scaffold.yeomanLoad.median), `node alone starts in ${s(scaffold.nodeStart.median)}`, ''],
    ['scaffold: cdk init --generate-only', s(scaffold.cdkInit.median), `ours takes ${x(scaffold.createLogLambda.median / scaffold.cdkInit.median)} its time`, ''],
    ['npm test', s(loop.ours.test.median), `${x(loop.ours.test.median / loop.cdkInit.test.median)} cdk init's (${s(loop.cdkInit.test.median)}, one empty test)`, '0.33x (3x faster)'],
    ['cdk synth', s(loop.ours.synth.median), `${x(loop.ours.synth.median / loop.cdkInit.synth.median)} cdk init's (${s(loop.cdkInit.synth.median)}, an empty stack)`, '0.33x (3x faster)'],
    ['  without CloudFormation validation', s(loop.oursNoValidation.median), `${x(loop.oursNoValidation.median / loop.cdkInit.synth.median)} cdk init's: cdk synth --no-validation`, ''],
    ['handler bundle', `${handler.bundleBytes} B`, '', 'under 10 KB'],
    [
      '1 MB batch (10k events), logged at INFO',
      `${handler.handlerMs.toFixed(1)} ms`,
      `${x(handler.ratio)} the least an echo does: gunzip, JSON.parse, a JSON.stringify per event (${handler.floorMs.toFixed(1)} ms)`,
      'within 1.3x',
    ],
    ['  the same through console.info per event', `${handler.consolePerEventMs.toFixed(1)} ms`, `${x(handler.consolePerEventMs / handler.floorMs)} that least (not what the handler does)`, ''],
    ['peak memory for that batch', `+${handler.peakRssDeltaMb.toFixed(1)} MB RSS`, '', ''],
    ['1 GB gzip bomb, refused', `+${handler.bomb.rssDeltaMb.toFixed(1)} MB RSS`, `in ${handler.bomb.milliseconds.toFixed(0)} ms`, 'bounded'],
    ...matcher.map((m): [string, string, string, string] => [
      `matcher: ${m.kind}`,
      `${(m.linesPerSecond / 1e6).toFixed(2)} M lines/s`,
      `${x(m.ratio)} slower than baseline (${(m.baselinePerSecond / 1e6).toFixed(2)} M/s)`,
      'within 2x',
    ]),
    ...adversarial.map((a): [string, string, string, string] => [
      `adversarial: ${a.name}`,
      `${a.ms.toFixed(2)} ms`,
      `${a.steps.toLocaleString('en-US')} steps on ${a.lineLength.toLocaleString('en-US')} characters`,
      `under ${ADVERSARIAL_BUDGET_MS} ms`,
    ]),
    ['adversarial: slowest case', `${slowest.ms.toFixed(2)} ms`, `${slowest.name}; ${adversarial.filter((a) => a.ms < ADVERSARIAL_BUDGET_MS).length} of ${adversarial.length} under budget`, `under ${ADVERSARIAL_BUDGET_MS} ms`],
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

  // The load average over the run's last 15 minutes: on a shared machine it explains slow rows.
  const machine = { cpu: os.cpus()[0]?.model, cores: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.arch()}`, loadAverage15m: Number(os.loadavg()[2]!.toFixed(2)) };
  const results = { date: new Date().toISOString(), machine, scaffold, loop, handler, matcher, adversarial, merge };
  const file = fileURLToPath(new URL('../results.json', import.meta.url)); // this runs bundled, from bench/dist/
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  say(`\nmachine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}, load average ${machine.loadAverage15m} (15 min); written to bench/results.json`);
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
