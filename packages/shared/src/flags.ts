/**
 * Every flag of `yo log-lambda` and `create-log-lambda`, defined once: the answers to the
 * questions (from `appQuestions`) and the flags that steer the run. Both entries declare, parse
 * and document their flags from this list.
 */
import { packageManagers } from './package-manager.js';
import { appQuestions, filterQuestions, type Question } from './questions.js';

export interface Flag {
  /** The long flag, without dashes: `log-group` for `--log-group`. */
  flag: string;
  /** A one-letter alias: `y` for `-y`. */
  short?: string;
  type: 'string' | 'boolean';
  /** Booleans that are on unless turned off, as `--no-git`. */
  defaultOn?: boolean;
  /** What stands for the value in help, for string flags: `--package-manager <npm|pnpm|yarn|bun>`. */
  placeholder?: string;
  /** One line for --help. */
  description: string;
  /** For a flag that is on unless turned off: what its `--no-` form does, for create-log-lambda's --help. */
  offDescription?: string;
}

/** The one positional argument: where the project goes. */
export const directoryArgument = {
  name: 'directory',
  description: 'folder to create the project in (default: the current folder); it must be empty, a .git folder alone is fine',
} as const;

/** The flag that answers a question. */
export function questionFlag(question: Question): Flag {
  return { flag: question.flag, type: question.type === 'confirm' ? 'boolean' : 'string', description: question.description };
}

/** The flags that are not answers: how to run, not what to generate. */
export const runFlags: readonly Flag[] = [
  { flag: 'yes', short: 'y', type: 'boolean', description: 'accept the defaults, never prompt' },
  {
    flag: 'interactive',
    type: 'boolean',
    description: 'prompt for what the flags did not give (default: when there is a terminal; --no-interactive never prompts)',
  },
  {
    flag: 'force',
    type: 'boolean',
    description: 'generate into a folder that is not empty, beside what is there: a file that would be replaced is asked about (with a terminal) or stops the run (without one)',
  },
  { flag: 'overwrite', type: 'boolean', description: 'consent to replace existing files that differ from the generated ones, without asking' },
  { flag: 'skip-install', type: 'boolean', description: 'do not install the dependencies' },
  {
    flag: 'package-manager',
    type: 'string',
    placeholder: packageManagers.join('|'),
    description: 'to install with and in the next steps (default: the one running this)',
  },
  { flag: 'git', type: 'boolean', defaultOn: true, description: 'git init and a first commit (--no-git skips them)', offDescription: 'no git init and no first commit' },
];

/** What `yo log-lambda:filter` and `create-log-lambda --add-filter` accept: the filter's answers, and how to run. */
export const addFilterFlags: readonly Flag[] = [...filterQuestions.map(questionFlag), ...runFlags.filter(({ flag }) => flag === 'yes' || flag === 'interactive')];

/** Everything `yo log-lambda [directory]` and `create-log-lambda [directory]` accept. */
export const appFlags: readonly Flag[] = [...appQuestions.map(questionFlag), ...runFlags];

/**
 * The command-line form of flag values, for handing them on to another parser: `--flag=value`
 * (so values may be empty or start with `-`), `--flag` / `--no-flag` for booleans, nothing for
 * undefined. Values of flags not in `flags` are left out.
 */
export function toArgv(flags: readonly Flag[], values: Readonly<Record<string, unknown>>): string[] {
  return flags.flatMap(({ flag, type }) => {
    const value = values[flag];
    if (value === undefined) return [];
    if (type === 'boolean') return [value ? `--${flag}` : `--no-${flag}`];
    return [`--${flag}=${String(value)}`];
  });
}

/** `yo log-lambda:upgrade [directory]` and `create-log-lambda --upgrade [directory]`: the flags that steer an upgrade. */
export const upgradeFlags: readonly Flag[] = [
  { flag: 'dry-run', type: 'boolean', description: 'print what would change (added, updated, merged, conflicted, removed) and write nothing' },
  { flag: 'yes', short: 'y', type: 'boolean', description: 'apply the changes without asking' },
  { flag: 'interactive', type: 'boolean', description: 'show the changes and ask before writing (default: when there is a terminal)' },
  { flag: 'allow-dirty', type: 'boolean', description: 'upgrade even with uncommitted changes in the git work tree' },
  {
    flag: 'base',
    type: 'string',
    placeholder: 'commit',
    description: 'the git commit that holds the project as log-lambda generated it (default: .log-lambda/base.json, or the "Initial commit from log-lambda")',
  },
  { flag: 'skip-install', type: 'boolean', description: 'do not install the dependencies after the upgrade' },
  {
    flag: 'package-manager',
    type: 'string',
    placeholder: packageManagers.join('|'),
    description: 'to install with and in the next steps (default: the one whose lock file the project has, else the one running this)',
  },
];

/** The upgrade's directory argument. */
export const upgradeDirectoryArgument = {
  name: 'directory',
  description: 'the project to upgrade, where its .yo-rc.json is (default: the current folder)',
} as const;
