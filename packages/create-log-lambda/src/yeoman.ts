/**
 * What generating or upgrading a project takes, loaded by generate.ts only then. Named imports, so
 * that the bundle carries and evaluates only the parts used: a dynamic import() of a package would
 * take all of it (@yeoman/adapter's, for one, brings its test adapter and every prompt).
 */
import AppGenerator from '../../../generators/app/index.js';
import UpgradeGenerator from '../../../generators/upgrade/index.js';

export { QueuedAdapter } from '@yeoman/adapter';
export { Store } from 'mem-fs';
export { createEnv } from 'yeoman-environment';
export { loadEmbeddedFile } from './embedded-templates.js';
export { useProjectTypeScript } from './project-typescript.js';

/** The generators create-log-lambda runs: `app`, and `upgrade` for --upgrade. */
export const generators = { app: AppGenerator, upgrade: UpgradeGenerator } as const;
