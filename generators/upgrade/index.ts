/**
 * `yo log-lambda:upgrade [directory]`: brings a project made by an older log-lambda to the current
 * templates, keeping the user's edits (a three-way merge). Yeoman declares the options and asks
 * before writing; the engine's upgrade does the rest (@log-lambda/shared/engine), as for
 * `npm create log-lambda -- --upgrade`.
 */
import { upgradeDirectoryArgument, upgradeFlags } from '@log-lambda/shared';
import { runUpgrade, type CreateFlags } from '@log-lambda/shared/engine';
import Generator, { type BaseOptions } from 'yeoman-generator';
import { runInYo, yeomanDoor } from '../common/engine-door.js';
import { declareFlags } from '../common/questions.js';

export type UpgradeOptions = BaseOptions & {
  directory?: string;
  'dry-run'?: boolean;
  yes?: boolean;
  interactive?: boolean;
  'allow-dirty'?: boolean;
  base?: string;
  'skip-install'?: boolean;
  'package-manager'?: string;
  force?: boolean;
};

export default class UpgradeGenerator extends Generator<Record<string, unknown>, UpgradeOptions> {
  constructor(args?: string[], options?: UpgradeOptions) {
    super(args, options, { tasksMatchingPriority: true, customInstallTask: true });
    this.argument(upgradeDirectoryArgument.name, { type: String, required: false, description: upgradeDirectoryArgument.description });
    declareFlags(this, upgradeFlags);
  }

  async prompting(): Promise<void> {
    const { directory, ...flags } = this.options;
    await runInYo(this, () => runUpgrade(yeomanDoor(this, this.options, this.contextRoot), { directory, flags: flags as unknown as CreateFlags }));
  }
}
