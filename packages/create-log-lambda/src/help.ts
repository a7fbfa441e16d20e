/** `create-log-lambda --help`: every flag, from the same lists the generators declare. */
import { addFilterFlags, appFlags, directoryArgument, upgradeDirectoryArgument, upgradeFlags, type Flag } from '@log-lambda/shared';

const examples = [
  'npm create log-lambda@latest my-app -- --log-group /aws/lambda/versions --yes',
  'pnpm create log-lambda orders --log-group /aws/lambda/orders --filter-pattern \'{ $.level = "ERROR" }\' --filter-name orders-errors',
  'npx create-log-lambda api --log-group /app/api --create-log-group --filter-pattern=-DEBUG --package-manager pnpm --no-git',
  'npm create log-lambda@latest lambdas -- --log-group-prefix /aws/lambda/ --filter-pattern ERROR --yes',
  'npm create log-lambda@latest audit -- --account-policy --filter-pattern \'{ $.level = "ERROR" }\' --yes',
  'npx create-log-lambda . --project-name my-app --log-group /aws/lambda/versions --force --skip-install --no-interactive',
];

function usage(flag: Flag): string {
  const short = flag.short ? `-${flag.short}, ` : '';
  if (flag.type === 'string') return `${short}--${flag.flag} <${flag.placeholder ?? 'value'}>`;
  if (flag.defaultOn) return `${short}--no-${flag.flag}`;
  return `${short}--${flag.flag}`;
}

/** A flag's line: its usage, and what it does (for one on by default, what its --no- form does). */
function row(flag: Flag): [string, string] {
  return [usage(flag), (flag.defaultOn && flag.offDescription) || flag.description];
}

export function helpText(): string {
  const rows: Array<[string, string]> = [...appFlags.map(row), ['-h, --help', 'show this help'], ['--version', 'show the version']];
  const upgradeRows = upgradeFlags.map(row);
  const addFilterRows = addFilterFlags.map(row);
  const width = Math.max(...[...rows, ...upgradeRows, ...addFilterRows].map(([left]) => left.length)) + 2;
  /** The directory argument, a blank line, then the flags under `title`. */
  const section = (argument: { name: string; description: string }, title: string, flags: Array<[string, string]>) => [
    `  [${argument.name}]`.padEnd(width + 2) + argument.description,
    '',
    title,
    ...flags.map(([left, right]) => `  ${left.padEnd(width)}${right}`),
    '',
  ];
  return [
    'Usage: create-log-lambda [directory] [flags]',
    '   or: npm create log-lambda@latest [directory] -- [flags]',
    '   or: create-log-lambda --add-filter [directory] [filter flags]',
    '   or: create-log-lambda --upgrade [directory] [upgrade flags]',
    '',
    'Creates an AWS CDK project whose Lambda function receives the events of a CloudWatch Logs',
    'log group through a subscription filter. It asks for what the flags do not give (with a',
    'terminal), installs the dependencies and makes a first git commit.',
    '',
    ...section(directoryArgument, 'Flags:', rows),
    'Add a filter: --add-filter adds a subscription filter to an existing project, as yo log-lambda:filter',
    'does (the new entry spliced into lib/subscriptions.ts, your edits kept; the first prefix brings',
    'the prefix subscriber in). In the project folder: npm create log-lambda@latest -- --add-filter --log-group /app/api',
    '',
    ...section({ name: 'directory', description: 'the project to add the filter to, where its .yo-rc.json is (default: the current folder)' }, 'Filter flags:', addFilterRows),
    "Upgrade: --upgrade brings a project made by an earlier log-lambda to this version's templates,",
    'keeping your edits (a three-way merge; conflicts are marked in the files and listed). In the',
    'project folder: npm create log-lambda@latest -- --upgrade (add --dry-run to see the changes first).',
    '',
    ...section(upgradeDirectoryArgument, 'Upgrade flags:', upgradeRows),
    'Examples:',
    ...examples.map((example) => `  ${example}`),
  ].join('\n');
}
