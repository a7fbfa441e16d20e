/**
 * A plan applied to the project folder: every write and removal through the one write rule
 * (contained.ts: no link followed, nothing outside the root), each file's original saved in the
 * transaction first, so that a failure or a signal puts the folder back whole.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { readContained, refuseLinks, removeContained, writeContained } from '../contained.js';
import type { FolderTransaction } from './transaction.js';

export interface Plan {
  /** The project folder. */
  root: string;
  /** Files to write, by their `/`-separated path in the project. */
  writes: ReadonlyMap<string, Buffer>;
  /** Files to remove. */
  removes: readonly string[];
}

/** Refuses (before anything is written) a plan with a link on the way to any of its paths. */
export function refusePlanLinks(plan: Plan): void {
  refuseLinks(plan.root, [...plan.writes.keys(), ...plan.removes]);
}

/** What happened to a file: `create` (it was not there), `update` (it was), `remove`. */
export type Applied = 'create' | 'update' | 'remove';

/** Applies the plan; `report` hears of each file as it is written or removed. */
export function applyPlan(plan: Plan, transaction: FolderTransaction, report: (action: Applied, file: string) => void = () => {}): void {
  refusePlanLinks(plan);
  // The folders above the project may be links (a home on another disk): only what is under it is checked.
  mkdirSync(plan.root, { recursive: true });
  for (const [file, contents] of plan.writes) {
    const absolute = path.join(plan.root, file);
    const existed = existsSync(absolute);
    if (existed && readContained(plan.root, file)?.equals(contents)) continue; // the same bytes: not even rewritten
    transaction.saveOriginal(absolute);
    writeContained(plan.root, file, contents);
    report(existed ? 'update' : 'create', file);
  }
  for (const file of plan.removes) {
    transaction.saveOriginal(path.join(plan.root, file));
    removeContained(plan.root, file);
    report('remove', file);
  }
}
