/**
 * The engine's door for `npm create log-lambda`: questions and the question about replacing a
 * file at the terminal (prompt.ts), lines on standard output, the projects' files from the
 * templates embedded in this one file.
 */
import { readFileSync } from 'node:fs';
import { diff } from '@log-lambda/shared/upgrade';
import type { Ask } from '@log-lambda/shared';
import type { Collision, CollisionAnswer, Door } from '@log-lambda/shared/engine';
import { renderProject } from '../../../generators/common/render.js';
import { askConfirm, askInput, askLine } from './prompt.js';

/** generator-log-lambda's version, set by the build: recorded in the projects this makes. */
declare const GENERATOR_PACKAGE: { name: string; version: string };

const ask: Ask = async (question, defaultValue, answersSoFar) =>
  question.type === 'confirm'
    ? askConfirm(question.message, defaultValue === true)
    : askInput(question.message, defaultValue as string | undefined, (value) => question.check(value, answersSoFar));

export function terminalDoor(interactive: boolean): Door {
  return {
    cwd: process.cwd(),
    interactive,
    ask,
    log: (line) => process.stderr.write(`${line}\n`),
    confirm: askConfirm,
    settleCollisions,
    render: renderProject,
    generatorVersion: GENERATOR_PACKAGE.version,
  };
}

const LEGEND = '(y)es replace it, (n)o keep mine, (a)ll: replace this and every other, (d)iff, (x) abort';

/** For each file: replace, keep, show the differences and ask again, replace all, or abort (nothing written). */
async function settleCollisions(collisions: readonly Collision[]): Promise<CollisionAnswer[]> {
  const answers: CollisionAnswer[] = [];
  for (const collision of collisions) {
    for (;;) {
      const typed = (await askLine(`Overwrite ${collision.path}? ${LEGEND}`)).trim().toLowerCase();
      if (typed === 'y') answers.push('replace');
      else if (typed === 'n') answers.push('keep');
      else if (typed === 'a') return [...answers, ...collisions.slice(answers.length).map((): CollisionAnswer => 'replace')];
      else if (typed === 'x') return [...answers, 'abort'];
      else if (typed === 'd') {
        process.stdout.write(lineDiff(readFileSync(collision.absolute, 'utf8'), collision.contents.toString('utf8')));
        continue;
      } else {
        process.stdout.write('>> type y, n, a, d or x\n');
        continue;
      }
      break;
    }
  }
  return answers;
}

/** The lines of `mine` the new file removes (-) and the ones it adds (+), with two lines of context before each change. */
function lineDiff(mine: string, theirs: string): string {
  const a = mine.split('\n');
  const b = theirs.split('\n');
  const ids = new Map<string, number>();
  const id = (line: string) => ids.get(line) ?? (ids.set(line, ids.size), ids.size - 1);
  const out = ['- removed (your file)', '+ added (the generated file)'];
  for (const hunk of diff(a.map(id), b.map(id))) {
    out.push(`@@ line ${hunk.aStart + 1} @@`);
    for (const line of a.slice(Math.max(0, hunk.aStart - 2), hunk.aStart)) out.push(`  ${line}`);
    for (const line of a.slice(hunk.aStart, hunk.aEnd)) out.push(`- ${line}`);
    for (const line of b.slice(hunk.bStart, hunk.bEnd)) out.push(`+ ${line}`);
  }
  return `${out.join('\n')}\n`;
}
