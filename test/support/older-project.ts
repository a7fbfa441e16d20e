import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { create } from './create-cli.js';
import { linkProjectTypeScript } from './project.js';

export const RECORD = '.log-lambda/base.json';

/**
 * A project the current version made, then rewritten as "0.1.9" made it: an older comment in its
 * stack. Its dependencies count as installed: the upgrade reads lib/subscriptions.ts with the
 * project's own TypeScript (linkProjectTypeScript).
 *
 * Exactly one known change behind, whatever the templates hold now, for the tests of a door's
 * plan, prompts, exit codes and roll-back. The projects the real releases made, as far behind as
 * they are, come from their fixtures (release-fixture.ts).
 */
export function olderProjectIn(cwd: string): { cwd: string; project: string } {
  create(['my-app', '--log-group', '/aws/lambda/versions', '--yes', '--skip-install', '--no-git'], cwd);
  const project = path.join(cwd, 'my-app');
  linkProjectTypeScript(project);
  const stack = path.join(project, 'lib/my-app-stack.ts');
  const now = '// replaces an existing filter (a replacement would hit the per-group quota mid-deploy).';
  const old = readFileSync(stack, 'utf8').replace(now, '// replaces an existing filter.');
  writeFileSync(stack, old);
  const record = JSON.parse(readFileSync(path.join(project, RECORD), 'utf8')) as { generatorVersion: string; files: Record<string, string> };
  record.files['lib/my-app-stack.ts'] = old;
  record.generatorVersion = '0.1.9';
  writeFileSync(path.join(project, RECORD), JSON.stringify(record));
  return { cwd, project };
}
