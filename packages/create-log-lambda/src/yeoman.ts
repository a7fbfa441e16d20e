/**
 * What generating a project takes, loaded by generate.ts only then. Named imports, so that the
 * bundle carries and evaluates only the parts used: a dynamic import() of a package would take all
 * of it (@yeoman/adapter's, for one, brings its test adapter and every prompt).
 */
export { QueuedAdapter } from '@yeoman/adapter';
export { Store } from 'mem-fs';
export { createEnv } from 'yeoman-environment';
export { default as AppGenerator } from '../../../generators/app/index.js';
export { loadEmbeddedFile } from './embedded-templates.js';
