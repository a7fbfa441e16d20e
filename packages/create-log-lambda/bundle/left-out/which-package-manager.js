// which-package-manager picks the package manager for yeoman-environment's own install task,
// which the app generator replaces with its own (--package-manager, npm_config_user_agent).
import { leftOut } from './left-out.js';

export const whichPackageManager = leftOut('which-package-manager', "chooses the package manager for Yeoman's own install");
