import { refuseLinks } from '@log-lambda/shared';
import type Generator from 'yeoman-generator';

interface StoredFile {
  path: string;
  state?: string;
}

/**
 * The one write rule (packages/shared/src/contained.ts) for what Yeoman is about to write: every
 * file the run writes or removes lies under the project root with no symbolic link on its way.
 * Runs as the run's last task before Yeoman's commit, so a refusal leaves everything as it was.
 */
export function refuseLinksInWrites(generator: Generator): void {
  const root = generator.destinationRoot();
  const pending = (generator.fs.store.all() as StoredFile[]).filter((file) => file.state === 'modified' || file.state === 'deleted');
  refuseLinks(root, [root, ...pending.map((file) => file.path)]);
}
