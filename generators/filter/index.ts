/**
 * `yo log-lambda:filter`: adds a subscription filter to a project made by log-lambda, run in its
 * root. Yeoman declares the options and asks the questions; the engine's add-filter does the rest
 * (@log-lambda/shared/engine), as for `npm create log-lambda -- --add-filter`.
 */
import { addFilterFlags } from '@log-lambda/shared';
import { runAddFilter, type CreateFlags } from '@log-lambda/shared/engine';
import Generator, { type BaseOptions } from 'yeoman-generator';
import { runInYo, yeomanDoor } from '../common/engine-door.js';
import { declareFlags } from '../common/questions.js';

// force: Yeoman's own --force (overwrite without asking); yeoman-test sets it unless told otherwise.
export type FilterOptions = BaseOptions & { yes?: boolean; interactive?: boolean; force?: boolean };

export default class FilterGenerator extends Generator<Record<string, unknown>, FilterOptions> {
  constructor(args?: string[], options?: FilterOptions) {
    super(args, options, { tasksMatchingPriority: true, customInstallTask: true });
    declareFlags(this, addFilterFlags);
  }

  async prompting(): Promise<void> {
    const root = this.destinationRoot();
    await runInYo(this, () => runAddFilter(yeomanDoor(this, this.options, root), { root, flags: this.options as unknown as CreateFlags, command: 'yo log-lambda:filter' }));
  }
}
