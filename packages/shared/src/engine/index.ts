/**
 * The engine: what create, add-filter and upgrade do to a project, without Yeoman. Each door (the
 * `npm create` bin and the yo generators) turns its command line into a call here.
 */
export { findProjectAbove, isProjectRoot } from './project-root.js';
export { gitRepository, initGitRepository, INITIAL_COMMIT_MESSAGE, type GitRepository } from './git.js';
export { installDependencies, installInRun } from './install.js';
export { FolderTransaction } from './transaction.js';
export { isInteractive, type Collision, type CollisionAnswer, type Door, type LogLinesFile, type Render } from './door.js';
export { applyPlan, type Plan } from './apply.js';
export { planCreate, runCreate, type CreateFlags, type CreateRequest } from './create.js';
export { BASE_RECORD_PATH, baseRecordOf, YO_RC, yoRcWith } from './project-record.js';
export { runGuarded } from './run.js';
export { planAddFilter, runAddFilter, type AddFilterRequest } from './add-filter.js';
export { readProjectContext, type ProjectContext } from './project-context.js';
export { runUpgrade, type UpgradeRequest } from './upgrade.js';
