/**
 * Ties a run's FolderTransaction to a signal: SIGINT, SIGTERM or SIGHUP sent to the process or its
 * group puts the folder back as it was before the run, says so, and exits with 128 + the signal.
 */
import type { FolderTransaction } from './transaction.js';

const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;

const report = (line: string) => process.stderr.write(`${line}\n`);

/** Takes the run's changes back after a failure (once), saying what it did. */
export function takeBack(transaction: FolderTransaction): void {
  const summary = transaction.rollback();
  if (summary) report(summary);
}

/** Guards the run until the returned function is called (when it has finished). */
export function guardSignals(transaction: FolderTransaction): () => void {
  let stopping: Promise<void> | undefined;
  const handlers = (Object.entries(SIGNALS) as Array<[NodeJS.Signals, number]>).map(([signal, number]) => {
    const handler = () => {
      // A second signal while the first is handled changes nothing: the clean-up must finish.
      stopping ??= transaction.abort().then((summary) => {
        report(`\nInterrupted (${signal}).${summary ? ` ${summary}` : ''}`);
        process.exit(128 + number);
      });
    };
    // Before anyone else's handler, which might exit before the folder is put back.
    process.prependListener(signal, handler);
    return [signal, handler] as const;
  });
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}
