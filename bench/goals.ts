/**
 * The goals `pnpm bench` holds log-lambda to, each judged met or missed on this run's numbers.
 * Ratios between two tools are taken within each round (both measured on the same machine state)
 * and the goal is judged on their median; the ratio of the two medians is printed beside it.
 */
import { ADVERSARIAL_BUDGET_MS, type AdversarialRow } from './adversarial.js';
import { count, mb, ms, rounds, s, x } from './format.js';
import type { HandlerRow } from './handler.js';
import type { MatcherRow } from './matcher.js';
import { perRound, type Timing } from './measure.js';
import type { MergeRow } from './merge.js';
import type { InstalledPackage } from './package.js';
import type { FirstGreenRun, ScaffoldRow } from './projects.js';

export interface Goal {
  /** What is measured. */
  name: string;
  /** The goal in words. */
  goal: string;
  /** The number judged, and the most it may be. */
  value: number;
  limit: number;
  met: boolean;
  /** The numbers it was judged on, side by side. */
  numbers: string;
}

export interface Measured {
  createPackage: { ours: InstalledPackage; createVite: InstalledPackage };
  scaffold: Record<ScaffoldRow, Timing>;
  firstGreen: FirstGreenRun;
  handler: HandlerRow;
  matcher: MatcherRow[];
  adversarial: AdversarialRow[];
  merge: MergeRow[];
}

export const LIMITS = {
  createPackageBytes: 1e6,
  scaffoldToCreateVite: 2,
  firstGreenToFloor: 2,
  firstGreenToCdkInit: 0.4,
  handlerBundleBytes: 10 * 1024,
  handlerToFloor: 1.3,
  matcherToBaseline: 2,
  mergeToGit: 3,
  hostileMergeMs: 1000,
} as const;

export function goals({ createPackage, scaffold, firstGreen: green, handler, matcher, adversarial, merge }: Measured): Goal[] {
  const { ours, createVite } = createPackage;
  const scaffoldRatio = perRound(scaffold.createLogLambda.runs, scaffold.createVite.runs);
  const { oursToFloor, oursToCdkInit, cdkInitToFloor } = green.perRound;
  const slowestMatcher = matcher.reduce((worst, row) => (row.ratio > worst.ratio ? row : worst));
  const slowestAdversarial = adversarial.reduce((worst, row) => (row.ms > worst.ms ? row : worst));
  const [clean, hostile] = merge;
  const goal = (name: string, words: string, value: number, limit: number, numbers: string, met = value <= limit): Goal => ({ name, goal: words, value, limit, met, numbers });
  return [
    goal(
      'create package, installed by npm',
      `one package, installed size under ${mb(LIMITS.createPackageBytes)}`,
      ours.bytes,
      LIMITS.createPackageBytes,
      `ours ${count(ours.packages, 'package')}, ${mb(ours.bytes)} installed (${mb(ours.tarballBytes)} packed); create-vite ${count(createVite.packages, 'package')}, ${mb(createVite.bytes)}`,
      ours.packages === 1 && ours.bytes < LIMITS.createPackageBytes,
    ),
    goal(
      'scaffold vs create-vite',
      `${LIMITS.scaffoldToCreateVite}x create-vite or less`,
      scaffoldRatio.median,
      LIMITS.scaffoldToCreateVite,
      `ours ${s(scaffold.createLogLambda.median)}, create-vite ${s(scaffold.createVite.median)}: ${rounds(scaffoldRatio)}; ratio of medians ${x(scaffold.createLogLambda.median / scaffold.createVite.median)}`,
    ),
    goal(
      'time to first green vs the floor',
      `${LIMITS.firstGreenToFloor.toFixed(1)}x the floor or less`,
      oursToFloor.median,
      LIMITS.firstGreenToFloor,
      `ours ${s(green.ours.total.median)}, floor ${s(green.floor.total.median)}: ${rounds(oursToFloor)}; ratio of medians ${x(green.ours.total.median / green.floor.total.median)} (cdk init: ${rounds(cdkInitToFloor)})`,
    ),
    goal(
      "time to first green vs cdk init's",
      `${LIMITS.firstGreenToCdkInit}x cdk init's or less`,
      oursToCdkInit.median,
      LIMITS.firstGreenToCdkInit,
      `ours ${s(green.ours.total.median)}, cdk init ${s(green.cdkInit.total.median)}: ${rounds(oursToCdkInit)}; ratio of medians ${x(green.ours.total.median / green.cdkInit.total.median)}`,
    ),
    goal(
      'handler bundle',
      'under 10 KB',
      handler.bundleBytes,
      LIMITS.handlerBundleBytes,
      `${handler.bundleBytes.toLocaleString('en-US')} B`,
      handler.bundleBytes < LIMITS.handlerBundleBytes,
    ),
    goal(
      'handler on a 1 MB batch vs the least an echo does',
      `within ${LIMITS.handlerToFloor}x`,
      handler.ratio,
      LIMITS.handlerToFloor,
      `ours ${ms(handler.handlerMs)}, least ${ms(handler.floorMs)}: ${x(handler.ratio)}`,
    ),
    goal(
      'matcher vs a hand-written baseline, every pattern kind',
      `within ${LIMITS.matcherToBaseline}x`,
      slowestMatcher.ratio,
      LIMITS.matcherToBaseline,
      `slowest kind ${slowestMatcher.kind}: ${x(slowestMatcher.ratio)}; ${matcher.filter((m) => m.ratio <= LIMITS.matcherToBaseline).length} of ${matcher.length} kinds within`,
    ),
    goal(
      'matcher on adversarial patterns, each',
      `under ${ADVERSARIAL_BUDGET_MS} ms`,
      slowestAdversarial.ms,
      ADVERSARIAL_BUDGET_MS,
      `slowest ${ms(slowestAdversarial.ms, 2)} (${slowestAdversarial.name}); ${adversarial.filter((a) => a.ms < ADVERSARIAL_BUDGET_MS).length} of ${adversarial.length} under`,
      slowestAdversarial.ms < ADVERSARIAL_BUDGET_MS,
    ),
    goal(
      'merge vs git merge-file, the same output',
      `within ${LIMITS.mergeToGit}x of git, byte for byte`,
      clean!.oursMs / clean!.gitMs,
      LIMITS.mergeToGit,
      `ours ${ms(clean!.oursMs)}, git ${ms(clean!.gitMs)}: ${x(clean!.oursMs / clean!.gitMs)}; same output: ${clean!.sameAsGit ? 'yes' : 'NO'}`,
      clean!.sameAsGit && clean!.oursMs / clean!.gitMs <= LIMITS.mergeToGit,
    ),
    goal(
      'merge on a hostile pair',
      'under 1 s',
      hostile!.oursMs,
      LIMITS.hostileMergeMs,
      `ours ${ms(hostile!.oursMs)}, git ${ms(hostile!.gitMs)}`,
      hostile!.oursMs < LIMITS.hostileMergeMs,
    ),
  ];
}

export const verdict = (goal: Goal) => (goal.met ? 'met' : 'missed');
