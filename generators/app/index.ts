/**
 * `yo log-lambda [directory]`: a ready-to-deploy AWS CDK project whose Lambda function receives
 * CloudWatch Logs events through a subscription filter. Yeoman declares the options and asks the
 * questions; the engine (@log-lambda/shared/engine) does the rest, as for `npm create log-lambda`.
 */
import { appFlags, directoryArgument } from '@log-lambda/shared';
import { runCreate, type CreateFlags } from '@log-lambda/shared/engine';
import Generator, { type BaseOptions } from 'yeoman-generator';
import { runInYo, yeomanDoor } from '../common/engine-door.js';
import { declareFlags } from '../common/questions.js';

export type AppOptions = BaseOptions & {
  directory?: string;
  yes?: boolean;
  interactive?: boolean;
  force?: boolean;
  overwrite?: boolean;
  'skip-install'?: boolean;
  'package-manager'?: string;
  git?: boolean;
};

export default class AppGenerator extends Generator<Record<string, unknown>, AppOptions> {
  constructor(args?: string[], options?: AppOptions) {
    // customInstallTask: the engine installs, in the folder it generated.
    super(args, options, { tasksMatchingPriority: true, customInstallTask: true });
    this.argument(directoryArgument.name, { type: String, required: false, description: directoryArgument.description });
    declareFlags(this, appFlags);
  }

  /** The whole run: questions, plan, checks, writes, install, git, the next steps. */
  async prompting(): Promise<void> {
    const { directory, ...flags } = this.options;
    await runInYo(this, () => runCreate(yeomanDoor(this, this.options, this.contextRoot), { directory, flags: flags as unknown as CreateFlags }));
  }
}
