/**
 * A run that changes the project folder all or nothing: from its first write to its end, a
 * failure or a signal puts the folder back as it was before the run.
 */
import { guardSignals, takeBack } from './signals.js';
import { FolderTransaction } from './transaction.js';

export async function runGuarded<T>(folder: string, work: (transaction: FolderTransaction) => Promise<T>): Promise<T> {
  const transaction = new FolderTransaction(folder);
  const endGuard = guardSignals(transaction);
  try {
    return await work(transaction);
  } catch (error) {
    // A stop by signal is the guard's to finish: it puts the folder back and exits.
    if (transaction.isStopping) await new Promise(() => {});
    takeBack(transaction); // nothing to take back once kept (an install failure after a complete write)
    throw error;
  } finally {
    endGuard();
  }
}
