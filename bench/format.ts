/** How the bench writes its numbers, in the table, the goals and the summary alike. */
import type { PerRound } from './measure.js';

export const s = (seconds: number) => `${seconds.toFixed(2)} s`;
export const x = (ratio: number) => `${ratio.toFixed(2)}x`;
export const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
export const ms = (milliseconds: number, digits = 1) => `${milliseconds.toFixed(digits)} ms`;
export const count = (n: number, thing: string) => `${n} ${thing}${n === 1 ? '' : 's'}`;

/** A per-round ratio: its median and its range over the rounds. */
export const rounds = ({ median, rounds: all }: PerRound) =>
  all.length === 1 ? `${x(median)} (1 round)` : `${x(median)} (per round ${x(Math.min(...all))} to ${x(Math.max(...all))})`;
