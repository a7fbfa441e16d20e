// globby searches node_modules folders for installed generators: yeoman-environment's lookup(),
// which `yo` runs. Our one generator is registered directly (generate.ts).
import { leftOut } from './left-out.js';

export const globbySync = leftOut('globby', 'looks up installed generators on disk');
