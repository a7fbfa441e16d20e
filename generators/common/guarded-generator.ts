/**
 * A generator whose run changes the user's folder all or nothing: from beginChanges() until
 * finishChanges(), a failed task (its own or Yeoman's write to disk) or a signal puts the folder
 * back as it was before the run.
 */
import Generator, { type BaseOptions } from 'yeoman-generator';
import { guardRun, takeBack } from './guard.js';
import { FolderTransaction } from '@log-lambda/shared/engine';

// Yeoman's generator types say every method of a subclass is a task: this class adds only
// protected helpers, which the tasksMatchingPriority feature keeps out of the queue.
export class GuardedGenerator<Config extends object, Options extends BaseOptions> extends Generator<Config, Options> {
  /** The run's changes to the folder, once beginChanges() was called. */
  protected transaction: FolderTransaction | undefined;
  private endGuard: () => void = () => {};

  /** A failed task takes back what the run changed in the folder, before the error is reported. */
  override async executeTask(...args: Parameters<Generator['executeTask']>): Promise<void> {
    try {
      await super.executeTask(...args);
    } catch (error) {
      if (this.transaction) takeBack(this.transaction);
      this.endGuard();
      throw error;
    }
  }

  /** From now on, the run may change `folder` (which may not exist yet). */
  protected beginChanges(folder: string): FolderTransaction {
    this.transaction = new FolderTransaction(folder);
    this.endGuard = guardRun(this, this.transaction);
    return this.transaction;
  }

  /** The run succeeded (or failed only at an install after a complete write): its changes stay. */
  protected finishChanges(): void {
    this.transaction?.keep();
    this.endGuard();
  }
}
