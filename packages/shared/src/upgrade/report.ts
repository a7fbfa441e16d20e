/** What an upgrade tells the user: the plan, file by file, and how a run with conflicts ends. */
import type { FileChange, UpgradeAction, UpgradePlan } from './plan.js';

const ORDER: readonly UpgradeAction[] = ['added', 'updated', 'merged', 'conflicted', 'replaced', 'removed', 'kept'];
const WIDTH = Math.max(...ORDER.map((action) => action.length)) + 2;

/** One line per file (grouped by action, then in path order), notes indented below it. */
export function describeChanges(plan: UpgradePlan): string[] {
  const sorted = [...plan.changes].sort((a, b) => ORDER.indexOf(a.action) - ORDER.indexOf(b.action) || (a.path < b.path ? -1 : 1));
  return sorted.flatMap((change) => [`  ${change.action.padEnd(WIDTH)}${change.path}${detail(change)}`, ...(change.notes ?? []).map((note) => `  ${' '.repeat(WIDTH)}  ${note}`)]);
}

function detail({ action, conflicts, why }: FileChange): string {
  if (why) return `: ${why}`;
  if (action === 'conflicted') return ` (${conflicts} conflict${conflicts === 1 ? '' : 's'})`;
  return '';
}

/** The closing count: "9 files to change (2 with conflicts), 1 kept, 25 unchanged". */
export function countChanges(plan: UpgradePlan, { done }: { done: boolean }): string {
  const changing = plan.changes.filter((change) => change.action !== 'kept');
  const conflicted = plan.changes.filter((change) => change.action === 'conflicted').length;
  const kept = plan.changes.length - changing.length;
  const parts = [
    `${changing.length} file${changing.length === 1 ? '' : 's'} ${done ? 'changed' : 'to change'}${conflicted > 0 ? ` (${conflicted} with conflicts)` : ''}`,
    ...(kept > 0 ? [`${kept} kept for you to look at`] : []),
    `${plan.unchanged} unchanged`,
  ];
  return parts.join(', ');
}

/** The upgrade wrote everything, and some files hold conflicts the user must resolve: a non-zero exit. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';

  constructor(readonly files: readonly string[]) {
    super(
      `${files.length} file${files.length === 1 ? ' has' : 's have'} conflicts to resolve: ${files.join(', ')}. ` +
        'In each, keep what you want between <<<<<<< your version and >>>>>>> log-lambda …, and delete the markers.',
    );
  }
}
