/**
 * Ties a run's FolderTransaction to the ways a run can end early: a failed task (ours, or
 * Yeoman's write to disk) and SIGINT, SIGTERM or SIGHUP sent to the process or its group.
 * Either way the folder is put back as it was before the run, and the user is told so.
 */
import type Generator from 'yeoman-generator';
import type { FolderTransaction } from '@log-lambda/shared/engine';

const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;

const report = (line: string) => process.stderr.write(`${line}\n`);

/** Takes the run's changes back after a failure (once), saying what it did. */
export function takeBack(transaction: FolderTransaction): void {
  const summary = transaction.rollback();
  if (summary) report(summary);
}

/** Guards the run until the returned function is called (when it has finished). */
export function guardRun(generator: Generator, transaction: FolderTransaction): () => void {
  const onError = () => takeBack(transaction);
  // Yeoman's environment emits 'error' for a failure outside our tasks too: its write to disk.
  const env = generator.env as unknown as NodeJS.EventEmitter;
  env.on('error', onError);

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
    env.off('error', onError);
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}
