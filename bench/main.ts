/**
 * `pnpm bench`: how log-lambda compares, measured side by side in one run on one machine. Prints a
 * table, the goals met and missed, and a markdown summary (also bench/dist/summary.md); writes
 * bench/results.json. Every figure is a median of several runs.
 *
 * BENCH_ROUNDS=<n> is a short run for checking the bench itself: n rounds for the scaffolds, time
 * to first green and the daily loop, and its results go to bench/dist/results.json instead.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADVERSARIAL_BUDGET_MS, benchAdversarial } from './adversarial.js';
import { mb, rounds as perRounds, s, x } from './format.js';
import { goals as judge, verdict } from './goals.js';
import { benchHandler } from './handler.js';
import { benchMatcher } from './matcher.js';
import { setup } from './measure.js';
import { benchMerge } from './merge.js';
import { installedPackage, pack } from './package.js';
import { profileScaffold } from './profile.js';
import { bins, dailyLoop, firstGreen, installedProjects, scaffoldTimes, validateTime } from './projects.js';
import { summary, type Run } from './summary.js';

const say = (line: string) => console.log(line);
const repo = fileURLToPath(new URL('../..', import.meta.url)); // this runs bundled, from bench/dist/
const versionOf = (packageJson: string) => (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
const createViteVersion = versionOf(path.join(path.dirname(bins.createVite), 'package.json'));
const cdkVersion = versionOf(path.join(path.dirname(bins.cdk), '..', 'package.json'));

const short = process.env['BENCH_ROUNDS'];
if (short !== undefined && !/^[1-9]\d*$/.test(short)) throw new Error(`BENCH_ROUNDS must be a whole number of rounds, 1 or more, not ${JSON.stringify(short)}`);
const rounds = short === undefined ? { scaffold: 5, firstGreen: 5, loop: 3 } : { scaffold: Number(short), firstGreen: Number(short), loop: Number(short) };
const resultsFile = fileURLToPath(new URL(short === undefined ? '../results.json' : 'results.json', import.meta.url)); // bench/results.json, or bench/dist/ for a short run
if (short !== undefined) say(`BENCH_ROUNDS=${short}: a short run for checking, written to bench/dist/results.json (bench/results.json is left as it is)`);

const loadAverageAtStart1m = Number(os.loadavg()[0]!.toFixed(2));
const workspace = mkdtempSync(path.join(os.tmpdir(), 'log-lambda-bench-'));
try {
  say('1/9 the create package: create-log-lambda and create-vite, packed and installed with npm');
  const createPackage = {
    ours: installedPackage(pack(path.join(repo, 'packages/create-log-lambda'), workspace, 'pnpm'), workspace),
    createVite: installedPackage(pack(`create-vite@${createViteVersion}`, workspace, 'npm'), workspace),
  };

  say(`2/9 scaffold: create-log-lambda, create-vite, cdk init (${rounds.scaffold} alternating rounds, no install)`);
  const scaffold = scaffoldTimes(workspace, rounds.scaffold);

  say('3/9 where the scaffold time goes: one run under --cpu-prof');
  const profile = profileScaffold(path.join(repo, 'bench/dist/create-log-lambda.unminified.mjs'), workspace);

  say(`4/9 daily loop: installing our project and a cdk init project, then npm test and cdk synth (${rounds.loop} runs each)`);
  const { ours, cdkInit } = installedProjects(workspace);
  const loop = { ours: dailyLoop(ours, rounds.loop), cdkInit: dailyLoop(cdkInit, rounds.loop), oursValidate: validateTime(ours, rounds.loop) };

  say(
    `5/9 time to first green: create with install, npm test, npx cdk synth; ours, the floor (npm install of our aws-cdk-lib and constructs pins) and cdk init (${rounds.firstGreen} rounds of all three, after an untimed warm-up pass; the npm cache stays warm)`,
  );
  const green = firstGreen(workspace, rounds.firstGreen);

  say('6/9 handler: bundle size, a 1 MB batch of 10,000 events decoded and logged, peak memory, a gzip bomb');
  const handler = await benchHandler(ours);

  say('7/9 filter-pattern matcher: lines per second per pattern kind vs a hand-written baseline');
  const matcher = benchMatcher();

  say(`8/9 filter-pattern matcher on adversarial patterns, one 10 KB line each (budget ${ADVERSARIAL_BUDGET_MS} ms)`);
  const adversarial = benchAdversarial();
  const slowest = adversarial.reduce((worst, row) => (row.ms > worst.ms ? row : worst));
  say('9/9 upgrade: the three-way merge vs git merge-file --diff3 (median of 21 runs; 3 for the hostile pair)');
  const merge = benchMerge();

  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const measured = { createPackage, scaffold, firstGreen: green, handler, matcher, adversarial, merge };
  const goals = judge(measured);
  const share = (value: number) => `${((100 * value) / profile.totalMs).toFixed(0)}%`;
  const rows: Array<[string, string, string, string]> = [
    [
      'create package, installed by npm',
      `${createPackage.ours.packages} package, ${mb(createPackage.ours.bytes)}`,
      `create-vite: ${createPackage.createVite.packages} package, ${mb(createPackage.createVite.bytes)}`,
      '1 package under 1 MB',
    ],
    [
      'scaffold: create-log-lambda',
      s(scaffold.createLogLambda.median),
      `${x(scaffold.createLogLambda.median / scaffold.createVite.median)} create-vite (${s(scaffold.createVite.median)})`,
      'within 2x',
    ],
    ['  of which: Node.js starting', s(scaffold.nodeStart.median), `loading our file too (--version): ${s(scaffold.loadOnly.median)}`, ''],
    ['scaffold: cdk init --generate-only', s(scaffold.cdkInit.median), `ours takes ${x(scaffold.createLogLambda.median / scaffold.cdkInit.median)} its time`, ''],
    ['  profile: compiling the file', share(profile.phases.compile), ms(profile.phases.compile), ''],
    ['  profile: evaluating bundled modules', share(profile.phases.evaluate), ms(profile.phases.evaluate), ''],
    ['  profile: generating', share(profile.phases.generate), ms(profile.phases.generate), ''],
    ['  profile: Node.js (start, GC, I/O)', share(profile.phases.node), ms(profile.phases.node), ''],
    [
      '  profile: top packages',
      profile.packages
        .slice(0, 6)
        .map(({ name, ms: time }) => `${name} ${time.toFixed(0)}`)
        .join(', '),
      'ms of their own code',
      '',
    ],
    [
      'first green: create+install, test, synth',
      s(green.ours.total.median),
      `${perRounds(green.perRound.oursToFloor)} the floor (${s(green.floor.total.median)})`,
      '2.0x the floor or less',
    ],
    ['', '', `${perRounds(green.perRound.oursToCdkInit)} cdk init's (${s(green.cdkInit.total.median)})`, "0.4x cdk init's or less"],
    [
      '  ours: create+install / test / synth',
      [green.ours.create, green.ours.test, green.ours.synth].map((t) => s(t.median)).join(' / '),
      `of create, npm install: ${s(green.ours.install.median)} (as create reports it)`,
      '',
    ],
    [`  the floor: ${green.floor.command}`, s(green.floor.total.median), 'an empty folder with a minimal package.json', ''],
    [
      '  cdk init: init+install / test / synth',
      [green.cdkInit.create, green.cdkInit.test, green.cdkInit.synth].map((t) => s(t.median)).join(' / '),
      `${perRounds(green.perRound.cdkInitToFloor)} the floor; its aws-cdk-lib: ${green.cdkInit.awsCdkLib}`,
      '',
    ],
    ['  npm cache', 'warm', `${green.cache.note} (${green.cache.folder})`, ''],
    ['npm test', s(loop.ours.test.median), `${x(loop.ours.test.median / loop.cdkInit.test.median)} cdk init's (${s(loop.cdkInit.test.median)}, one empty test)`, ''],
    ['npx cdk synth', s(loop.ours.synth.median), `${x(loop.ours.synth.median / loop.cdkInit.synth.median)} cdk init's (${s(loop.cdkInit.synth.median)}, an empty stack)`, ''],
    ['npm run validate (synth + CloudFormation validation)', s(loop.oursValidate.median), `${x(loop.oursValidate.median / loop.cdkInit.synth.median)} cdk init's synth`, ''],
    ['handler bundle', `${handler.bundleBytes} B`, '', 'under 10 KB'],
    [
      '1 MB batch (10k events), logged at INFO',
      `${handler.handlerMs.toFixed(1)} ms`,
      `${x(handler.ratio)} the least an echo does: gunzip, JSON.parse, a JSON.stringify per event (${handler.floorMs.toFixed(1)} ms)`,
      'within 1.3x',
    ],
    [
      '  the same through console.info per event',
      `${handler.consolePerEventMs.toFixed(1)} ms`,
      `${x(handler.consolePerEventMs / handler.floorMs)} that least (not what the handler does)`,
      '',
    ],
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
    [
      'adversarial: slowest case',
      `${slowest.ms.toFixed(2)} ms`,
      `${slowest.name}; ${adversarial.filter((a) => a.ms < ADVERSARIAL_BUDGET_MS).length} of ${adversarial.length} under budget`,
      `under ${ADVERSARIAL_BUDGET_MS} ms`,
    ],
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

  say('');
  say('goals:');
  const verdictWidth = Math.max(...goals.map((g) => verdict(g).length));
  for (const g of goals) say(`  ${verdict(g).padEnd(verdictWidth)}  ${g.name}: ${g.goal}; ${g.numbers}`);

  // The load average as the run started and over its last 15 minutes: on a shared machine they explain slow rows.
  const machine = {
    cpu: os.cpus()[0]?.model,
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    npm: setup('npm', ['--version'], workspace).trim(),
    platform: `${os.platform()} ${os.arch()}`,
    loadAverageAtStart1m,
    loadAverage15m: Number(os.loadavg()[2]!.toFixed(2)),
  };
  const run: Run = { date: new Date().toISOString(), machine, rounds, createViteVersion, cdkVersion, goals, ...measured, profile, loop };
  writeFileSync(resultsFile, `${JSON.stringify(run, null, 2)}\n`);
  const markdown = summary(run);
  const summaryFile = fileURLToPath(new URL('summary.md', import.meta.url)); // bench/dist/summary.md
  mkdirSync(path.dirname(summaryFile), { recursive: true });
  writeFileSync(summaryFile, markdown);
  say(
    `\nmachine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}, npm ${machine.npm}, load average ${machine.loadAverageAtStart1m} at the start, ${machine.loadAverage15m} over the last 15 min; written to ${path.relative(repo, resultsFile)}`,
  );
  say(`\nfor a performance page (also in ${path.relative(repo, summaryFile)}):\n`);
  say(markdown);
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
