/**
 * The run as a markdown table, for a performance page: printed at the end of `pnpm bench` and
 * written to bench/dist/summary.md, to paste as it is.
 */
import { ADVERSARIAL_BUDGET_MS } from './adversarial.js';
import { count, mb, ms, rounds, s, x } from './format.js';
import type { Goal, Measured } from './goals.js';
import type { Timing } from './measure.js';
import type { ScaffoldProfile } from './profile.js';

export interface Machine {
  cpu: string | undefined;
  cores: number;
  memoryGb: number;
  node: string;
  npm: string;
  platform: string;
  /** The 1-minute load average as the run started (other work on the machine), and the 15-minute one at its end. */
  loadAverageAtStart1m: number;
  loadAverage15m: number;
}

export interface Run extends Measured {
  date: string;
  machine: Machine;
  rounds: { scaffold: number; firstGreen: number; loop: number };
  createViteVersion: string;
  cdkVersion: string;
  profile: ScaffoldProfile;
  loop: { ours: { test: Timing; synth: Timing }; cdkInit: { test: Timing; synth: Timing }; oursValidate: Timing };
  goals: Goal[];
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function summary(run: Run): string {
  const { machine, createPackage, scaffold, profile, firstGreen: green, loop, handler, matcher, adversarial, merge } = run;
  const goal = (name: string) => {
    const found = run.goals.find((g) => g.name === name);
    if (!found) throw new Error(`no goal named ${name}`);
    return `${found.goal}: ${found.met ? 'met' : '**missed**'}`;
  };
  const share = (value: number) => `${((100 * value) / profile.totalMs).toFixed(0)}%`;
  const slowest = adversarial.reduce((worst, row) => (row.ms > worst.ms ? row : worst));
  const rate = (perSecond: number) => `${(perSecond / 1e6).toFixed(1)} M`;
  const byRate = [...matcher].sort((a, b) => a.linesPerSecond - b.linesPerSecond);
  const byRatio = [...matcher].sort((a, b) => a.ratio - b.ratio);
  const [clean, hostile] = merge;
  const date = run.date.replace('T', ' ').replace(/:\d\d\.\d+Z$/, ' UTC');

  const rows: string[][] = [
    [
      'create package, packed and installed by npm (what `npm create` downloads before its first question)',
      `${count(createPackage.ours.packages, 'package')}, ${mb(createPackage.ours.bytes)} (${mb(createPackage.ours.tarballBytes)} packed)`,
      `create-vite ${run.createViteVersion}: ${count(createPackage.createVite.packages, 'package')}, ${mb(createPackage.createVite.bytes)}`,
      goal('create package, installed by npm'),
    ],
    [
      'scaffold: `create-log-lambda demo --yes --skip-install --no-git`',
      s(scaffold.createLogLambda.median),
      `${x(scaffold.createLogLambda.median / scaffold.createVite.median)} create-vite vanilla-ts (${s(scaffold.createVite.median)}); ${x(scaffold.createLogLambda.median / scaffold.cdkInit.median)} \`cdk init app --generate-only\` (${s(scaffold.cdkInit.median)})`,
      goal('scaffold vs create-vite'),
    ],
    ['of which Node.js starting / loading our file (`--version`)', `${s(scaffold.nodeStart.median)} / ${s(scaffold.loadOnly.median)}`, '', ''],
    [
      "where a scaffold's time goes (`--cpu-prof`, one run)",
      `generating ${share(profile.phases.generate)}, Node.js (start, GC, I/O) ${share(profile.phases.node)}, compiling the file ${share(profile.phases.compile)}, evaluating bundled modules ${share(profile.phases.evaluate)}`,
      `own code: ${profile.packages
        .slice(0, 6)
        .map(({ name, ms: time }) => `${name} ${time.toFixed(0)}`)
        .join(', ')} ms`,
      '',
    ],
    [
      'time to first green: create with install, `npm test`, `npx cdk synth`',
      `${s(green.ours.total.median)} (${s(green.ours.create.median)} / ${s(green.ours.test.median)} / ${s(green.ours.synth.median)})`,
      `the floor, \`${green.floor.command}\` in an empty folder: ${s(green.floor.total.median)}, ours ${rounds(green.perRound.oursToFloor)}; \`cdk init app --language typescript\` with its install, test and synth: ${s(green.cdkInit.total.median)} (${s(green.cdkInit.create.median)} / ${s(green.cdkInit.test.median)} / ${s(green.cdkInit.synth.median)}), ours ${rounds(green.perRound.oursToCdkInit)}, cdk init ${rounds(green.perRound.cdkInitToFloor)} the floor`,
      `${goal('time to first green vs the floor')}; ${goal("time to first green vs cdk init's")}`,
    ],
    [
      "of which our create's `npm install` (as create reports it)",
      s(green.ours.install.median),
      `${x(green.ours.install.median / green.floor.total.median)} the floor (ours installs its devDependencies too); cdk init's project installs aws-cdk-lib ${green.cdkInit.awsCdkLib}`,
      '',
    ],
    [
      '`npm test` in the generated project, installed',
      s(loop.ours.test.median),
      `${x(loop.ours.test.median / loop.cdkInit.test.median)} cdk init's (${s(loop.cdkInit.test.median)}, one test whose body is commented out)`,
      '',
    ],
    [
      '`npx cdk synth` in the generated project',
      s(loop.ours.synth.median),
      `${x(loop.ours.synth.median / loop.cdkInit.synth.median)} cdk init's (${s(loop.cdkInit.synth.median)}, an empty stack)`,
      '',
    ],
    ['`npm run validate` (synth with CloudFormation validation)', s(loop.oursValidate.median), `${x(loop.oursValidate.median / loop.cdkInit.synth.median)} cdk init's synth`, ''],
    ['handler bundle in `cdk.out`', `${handler.bundleBytes.toLocaleString('en-US')} B`, '', goal('handler bundle')],
    [
      'handler on a 1 MB batch (10,000 events), every event logged at INFO',
      ms(handler.handlerMs),
      `${x(handler.ratio)} the least an echo can do: gunzip + \`JSON.parse\` + one \`JSON.stringify\` per event into a sink (${ms(handler.floorMs)})`,
      goal('handler on a 1 MB batch vs the least an echo does'),
    ],
    [
      'the same echo with one `console.info` per event',
      ms(handler.consolePerEventMs),
      `${x(handler.consolePerEventMs / handler.floorMs)} that least`,
      '(why the handler writes its lines itself)',
    ],
    ['peak memory for that batch', `+${handler.peakRssDeltaMb.toFixed(1)} MB RSS`, '', ''],
    ['a 1 GB gzip bomb (1.39 MB of base64)', `refused in ${handler.bomb.milliseconds.toFixed(0)} ms, +${handler.bomb.rssDeltaMb.toFixed(1)} MB RSS`, '', 'bounded: met'],
    [
      'matcher, per pattern kind',
      `${rate(byRate[0]!.linesPerSecond)} (${byRate[0]!.kind}) to ${rate(byRate.at(-1)!.linesPerSecond)} (${byRate.at(-1)!.kind}) lines/s`,
      `${x(byRatio[0]!.ratio)} (${byRatio[0]!.kind}) to ${x(byRatio.at(-1)!.ratio)} (${byRatio.at(-1)!.kind}) the time of a hand-written baseline`,
      `${goal('matcher vs a hand-written baseline, every pattern kind')} (${matcher.length} kinds)`,
    ],
    [
      `matcher, ${adversarial.length} adversarial patterns on 10 KB lines`,
      `${ms(Math.min(...adversarial.map((a) => a.ms)), 2)} to ${ms(slowest.ms, 2)} (slowest: ${slowest.name})`,
      `the ${ADVERSARIAL_BUDGET_MS} ms budget`,
      goal('matcher on adversarial patterns, each'),
    ],
    [
      `upgrade's 3-way merge, ${clean!.case}`,
      ms(clean!.oursMs),
      `${x(clean!.oursMs / clean!.gitMs)} \`git merge-file --diff3\` (${ms(clean!.gitMs)}, one process)${clean!.sameAsGit ? ', the same output byte for byte' : ', output DIFFERS'}`,
      goal('merge vs git merge-file, the same output'),
    ],
    [`the same on a ${hostile!.case}`, ms(hostile!.oursMs, 0), `${x(hostile!.oursMs / hostile!.gitMs)} git (${ms(hostile!.gitMs)})`, goal('merge on a hostile pair')],
  ];

  const missed = run.goals.filter((g) => !g.met);
  return [
    `\`pnpm bench\` of ${date}: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node.replace(/^v/, '')}, ${machine.platform}, npm ${machine.npm} (load average ${machine.loadAverageAtStart1m} as the run started, ${machine.loadAverage15m} over its last 15 minutes).`,
    `Medians of ${count(run.rounds.scaffold, 'alternating round')} for scaffolds, ${count(run.rounds.firstGreen, 'round')} for time to first green (ours, the floor and cdk init in each, in a rotated order), ${count(run.rounds.loop, 'run')} for the daily loop; ratios between tools are taken within each round and their median is what a goal is judged on.`,
    `npm cache: ${green.cache.note} (${green.cache.folder}). Anchors: create-vite ${run.createViteVersion}, aws-cdk CLI ${run.cdkVersion}.`,
    `Goals: ${run.goals.length - missed.length} of ${run.goals.length} met${missed.length ? `; missed: ${missed.map((g) => g.name).join('; ')}` : ''}.`,
    '',
    '| Row | Ours | Compared with | Goal |',
    '| --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
    '',
  ].join('\n');
}
