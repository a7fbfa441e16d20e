/**
 * `create-log-lambda [directory] [flags]` and `create-log-lambda --upgrade [directory] [flags]`,
 * parsed with node:util's parseArgs. The flags are `appFlags` and `upgradeFlags` from
 * @log-lambda/shared, the same lists the `app` and `upgrade` generators declare, plus --upgrade,
 * --help and --version.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { addFilterFlags, appFlags, InputError, upgradeFlags, type Flag } from '@log-lambda/shared';

type Flags = Record<string, string | boolean | undefined>;

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'create'; directory: string | undefined; flags: Flags }
  | { kind: 'upgrade'; directory: string | undefined; flags: Flags }
  | { kind: 'add-filter'; directory: string | undefined; flags: Flags };

const options: NonNullable<ParseArgsConfig['options']> = {
  // A flag of both lists (--yes, --skip-install…) is the same flag: same name, type and alias.
  ...Object.fromEntries([...appFlags, ...upgradeFlags, ...addFilterFlags].map(({ flag, type, short }) => [flag, short ? { type, short } : { type }])),
  upgrade: { type: 'boolean' },
  'add-filter': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
};
const names = (flags: readonly Flag[]) => new Set(flags.map(({ flag }) => flag));
const createOnly = new Set([...names(appFlags)].filter((flag) => !names(upgradeFlags).has(flag)));
const upgradeOnly = new Set([...names(upgradeFlags)].filter((flag) => !names(appFlags).has(flag)));
const addFilterAccepts = names(addFilterFlags);
// --no-git, --no-interactive: any boolean can be turned off.
const config = { options, allowPositionals: true, allowNegative: true, strict: true } as const;

/** Throws an InputError naming the flag for anything that is not a known flag with a fitting value. */
export function parseCommandLine(argv: readonly string[]): Command {
  let parsed: ReturnType<typeof parseArgs<typeof config>>;
  try {
    parsed = parseArgs({ ...config, args: [...argv] });
  } catch (error) {
    throw usageError(error);
  }
  const { values, positionals } = parsed;
  if (values['help']) return { kind: 'help' };
  if (values['version']) return { kind: 'version' };
  if (positionals.length > 1) {
    throw new InputError(JSON.stringify(positionals[1]), 'is one argument too many: give one directory (quote a name that has spaces)');
  }
  // No option is `multiple`, so no value is an array.
  const { upgrade, 'add-filter': addFilter, ...flags } = values as Flags;
  const given = Object.keys(flags).filter((flag) => flags[flag] !== undefined);
  if (upgrade && addFilter) throw new InputError('--add-filter', 'and --upgrade are two commands: run one, then the other');
  if (addFilter) {
    const misplaced = given.find((flag) => !addFilterAccepts.has(flag));
    if (misplaced) throw new InputError(`--${misplaced}`, 'is not a flag of --add-filter', addFilterHint(misplaced));
    return { kind: 'add-filter', directory: positionals[0], flags };
  }
  if (upgrade) {
    const misplaced = given.find((flag) => createOnly.has(flag));
    if (misplaced) {
      throw new InputError(
        `--${misplaced}`,
        "is not a flag of --upgrade: an upgrade keeps the project's settings and subscriptions",
        'add a subscription with --add-filter (or yo log-lambda:filter)',
      );
    }
    return { kind: 'upgrade', directory: positionals[0], flags };
  }
  const misplaced = given.find((flag) => upgradeOnly.has(flag));
  if (misplaced) throw new InputError(`--${misplaced}`, 'works only with --upgrade', `create-log-lambda --upgrade --${misplaced} upgrades a project made by an earlier log-lambda`);
  return { kind: 'create', directory: positionals[0], flags };
}

/** What to do instead, for a flag --add-filter does not take. */
function addFilterHint(flag: string): string {
  if (flag === 'account-policy') return 'an account-level policy covers every log group, so it is a project of its own: npm create log-lambda@latest audit -- --account-policy';
  if (upgradeOnly.has(flag)) return `--${flag} is a flag of --upgrade`;
  return `the project's settings stay as they are; --add-filter takes ${[...addFilterAccepts].map((f) => `--${f}`).join(', ')}`;
}

/** parseArgs' multi-line messages, as one line naming the flag. */
function usageError(error: unknown): InputError {
  const { code, message } = error as { code?: string; message: string };
  // The first quoted flag: 'Option '-y, --yes' does not…' names --yes, 'Unknown option '-x'' names -x.
  const flag = /'(?:-\w, )?(-[^' ]+)/.exec(message)?.[1] ?? 'arguments';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new InputError(flag, 'is not a flag of create-log-lambda');
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (message.includes('does not take an argument')) return new InputError(flag, 'takes no value');
    if (message.includes('ambiguous')) return new InputError(flag, 'needs a value', `a value that starts with - goes after =, as in ${flag}=-DEBUG`);
    return new InputError(flag, 'needs a value');
  }
  return new InputError(flag, message.split('\n')[0]!);
}
