/**
 * A three-way merge of files, line by line, the way `git merge-file --diff3` does it: changes
 * made on one side only are taken; the same change made on both sides is taken once; different
 * changes to the same or adjacent lines are a conflict, written with standard markers:
 *
 *     <<<<<<< your version
 *     (the user's lines)
 *     ||||||| log-lambda 0.1.0
 *     (what that version generated)
 *     =======
 *     (what the new version generates)
 *     >>>>>>> log-lambda 0.2.0
 *
 * Pure TypeScript rather than `git merge-file`: a project need not be a git repository (a
 * folder in a monorepo, a CI image, Windows without git), and the upgrade must work anyway.
 * Files are compared as bytes; binary files (a NUL byte, or not UTF-8) are never merged line by
 * line. A file checked out with CRLF line endings is merged as lines and keeps CRLF.
 */
import { diff, type Hunk } from './diff.js';

export interface MergeLabels {
  ours: string;
  base: string;
  theirs: string;
}

export interface TextMerge {
  text: string;
  /** Conflict blocks written into `text`. */
  conflicts: number;
}

export interface FileMerge {
  contents: Buffer;
  conflicts: number;
  /** Both sides changed a binary file: the user's is kept as it is. */
  binary?: boolean;
}

export const CONFLICT_START = '<<<<<<<';
export const CONFLICT_BASE = '|||||||';
export const CONFLICT_SEPARATOR = '=======';
export const CONFLICT_END = '>>>>>>>';

/** Merges the bytes of three versions of a file; binary-safe. */
export function mergeFile(base: Buffer, ours: Buffer, theirs: Buffer, labels: MergeLabels): FileMerge {
  if (ours.equals(base) || ours.equals(theirs)) return { contents: theirs, conflicts: 0 };
  if (theirs.equals(base)) return { contents: ours, conflicts: 0 };
  const texts = [base, ours, theirs].map(asText);
  if (texts.some((text) => text === undefined)) return { contents: ours, conflicts: 1, binary: true };
  const [baseText, oursText, theirsText] = texts as [string, string, string];
  const merged = mergeText(baseText, oursText, theirsText, labels);
  return { contents: Buffer.from(merged.text, 'utf8'), conflicts: merged.conflicts };
}

/** The text of a file, or undefined for a binary one (a NUL byte, as git decides, or invalid UTF-8). */
export function asText(contents: Buffer): string | undefined {
  if (contents.subarray(0, 8000).includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(contents);
  } catch {
    return undefined;
  }
}

/** Whether `text` uses CRLF line endings (most of its line breaks are CRLF). */
export function usesCrlf(text: string): boolean {
  const crlf = text.split('\r\n').length - 1;
  return crlf > 0 && crlf * 2 >= text.split('\n').length - 1;
}

/** `text` with the line endings of `like`: CRLF when `like` uses them, else LF. */
export function withLineEndingsOf(like: string, text: string): string {
  const lf = text.replace(/\r\n/g, '\n');
  return usesCrlf(like) ? lf.replace(/\n/g, '\r\n') : lf;
}

/** Equal but for CRLF against LF line endings. */
export function sameText(a: string, b: string): boolean {
  return a === b || a.replace(/\r\n/g, '\n') === b.replace(/\r\n/g, '\n');
}

/** The three-way merge of three texts; the result has the user's (`ours`) line endings. */
export function mergeText(base: string, ours: string, theirs: string, labels: MergeLabels): TextMerge {
  const crlf = usesCrlf(ours);
  // A side checked out with CRLF is compared as lines, whatever the others use.
  const anyCrlf = crlf || usesCrlf(base) || usesCrlf(theirs);
  const normalise = (text: string) => (anyCrlf ? text.replace(/\r\n/g, '\n') : text);
  const merged = mergeLines(splitLines(normalise(base)), splitLines(normalise(ours)), splitLines(normalise(theirs)), labels);
  return { text: crlf ? merged.text.replace(/\n/g, '\r\n') : merged.text, conflicts: merged.conflicts };
}

/** Lines with their terminators: the last one has none when the text does not end with a newline. */
function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines[lines.length - 1] === '' ? lines.slice(0, -1) : lines;
}

interface SideHunk extends Hunk {
  side: 'ours' | 'theirs';
}

function mergeLines(base: string[], ours: string[], theirs: string[], labels: MergeLabels): TextMerge {
  const ids = new Map<string, number>();
  const idsOf = (lines: string[]) => Int32Array.from(lines, (line) => ids.get(line) ?? (ids.set(line, ids.size), ids.size - 1));
  const [baseIds, oursIds, theirsIds] = [idsOf(base), idsOf(ours), idsOf(theirs)];
  const hunks: SideHunk[] = [
    ...diff(baseIds, oursIds).map((hunk) => ({ ...hunk, side: 'ours' as const })),
    ...diff(baseIds, theirsIds).map((hunk) => ({ ...hunk, side: 'theirs' as const })),
  ].sort((x, y) => x.aStart - y.aStart || (x.side === y.side ? 0 : x.side === 'ours' ? -1 : 1));

  const out: string[] = [];
  let conflicts = 0;
  let basePosition = 0;
  for (let next = 0; next < hunks.length;) {
    // A region of the base that changes: hunks that overlap or touch go together, as in git,
    // so that changes to adjacent lines are a conflict rather than a guess.
    const group = [hunks[next++]!];
    let start = group[0]!.aStart;
    let end = group[0]!.aEnd;
    while (next < hunks.length && hunks[next]!.aStart <= end) {
      const hunk = hunks[next++]!;
      group.push(hunk);
      start = Math.min(start, hunk.aStart);
      end = Math.max(end, hunk.aEnd);
    }
    out.push(...base.slice(basePosition, start));
    basePosition = end;
    const oursLines = sideLines(group, 'ours', ours, base, start, end);
    const theirsLines = sideLines(group, 'theirs', theirs, base, start, end);
    const touchedBy = new Set(group.map((hunk) => hunk.side));
    if (touchedBy.size === 1 || sameLines(oursLines, theirsLines)) {
      out.push(...(touchedBy.has('ours') ? oursLines : theirsLines));
      continue;
    }
    conflicts++;
    out.push(
      `${CONFLICT_START} ${labels.ours}\n`,
      ...terminated(oursLines),
      `${CONFLICT_BASE} ${labels.base}\n`,
      ...terminated(base.slice(start, end)),
      `${CONFLICT_SEPARATOR}\n`,
      ...terminated(theirsLines),
      `${CONFLICT_END} ${labels.theirs}\n`,
    );
  }
  out.push(...base.slice(basePosition));
  return { text: out.join(''), conflicts };
}

/** A side's lines for base[start, end): unchanged lines between its hunks are the base's. */
function sideLines(group: SideHunk[], side: SideHunk['side'], lines: string[], base: string[], start: number, end: number): string[] {
  const own = group.filter((hunk) => hunk.side === side);
  if (own.length === 0) return base.slice(start, end);
  const first = own[0]!;
  const last = own[own.length - 1]!;
  return lines.slice(first.bStart - (first.aStart - start), last.bEnd + (end - last.aEnd));
}

function sameLines(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((line, i) => line === b[i]);
}

/** A block inside conflict markers ends with a line break, so the marker after it starts a line. */
function terminated(lines: string[]): string[] {
  const last = lines[lines.length - 1];
  return last === undefined || last.endsWith('\n') ? lines : [...lines.slice(0, -1), `${last}\n`];
}

/**
 * Whether `text` holds a conflict block (start, separator and end markers, in order, each at the
 * start of a line): a file left unresolved by an earlier merge.
 */
export function hasConflictMarkers(text: string): boolean {
  const start = text.search(/^<{7}(?: |\r?$)/m);
  if (start === -1) return false;
  const separator = text.slice(start).search(/^={7}\r?$/m);
  if (separator === -1) return false;
  return /^>{7}(?: |\r?$)/m.test(text.slice(start + separator));
}
