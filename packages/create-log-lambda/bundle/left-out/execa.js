// execa runs yeoman-environment's own package-manager install and yeoman-generator's
// spawnCommand helpers. The app generator installs with node:child_process itself
// (generators/common/install.ts) and declares a custom install task, so neither runs.
import { leftOut } from './left-out.js';

const run = leftOut('execa', "runs Yeoman's own install and spawnCommand helpers");

export const execa = run;
export const execaSync = run;
export const execaCommand = run;
export const execaCommandSync = run;
