// simple-git backs yeoman-generator's `this.git` and `this.simpleGit` helpers. The app generator
// runs git itself (generators/common/git.ts).
import { leftOut } from './left-out.js';

export const simpleGit = leftOut('simple-git', "backs Yeoman's git helpers");
export const CheckRepoActions = {};
export const CleanOptions = {};
