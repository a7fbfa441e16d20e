/**
 * Every question the generators ask, defined once: the flag that answers it, the prompt, the
 * default and the check. The Yeoman generators and `create-log-lambda` both read these.
 */
import { InputError } from './input-error.js';
import { isNamed, type ProjectModel, type Subscription } from './model.js';
import { defaultFilterName, slug } from './naming.js';
import { explainFilterPattern } from '@log-lambda/filter-pattern';
import { forwardedLine, forwards } from './sample-log-lines.js';
import { checkAlarmEmail, checkFilterName, checkFilterPattern, checkLogGroupName, checkLogGroupPrefix, checkProjectName } from './validate.js';

export interface Answers {
  projectName: string;
  /** Every log group of the account, through an account-level subscription filter policy. */
  accountPolicy: boolean;
  /** Every log group whose name starts with it, now and later. */
  logGroupPrefix: string;
  logGroupName: string;
  filterPattern: string;
  filterName: string;
  createLogGroup: boolean;
  /** A log line the filter must forward: the generated tests check it does. */
  sampleLogLine: string;
  /** Where alarms are emailed; '' for none. */
  alarmEmail: string;
}

/** A check that may look at earlier answers; undefined when the value is fine. */
export type AnswerCheck = (value: string, answers: Partial<Answers>) => string | undefined;

/** What a default may depend on: the answers so far and the project as it is. */
export interface QuestionContext {
  answers: Partial<Answers>;
  /** The folder the project is generated into (app generator). */
  directoryName?: string;
  /** The existing project (filter generator). */
  model?: ProjectModel;
}

interface QuestionBase<K extends keyof Answers> {
  name: K;
  /** The long flag, without dashes: `log-group` for `--log-group`. */
  flag: string;
  message: string;
  /** One line for --help. */
  description: string;
  default?: (context: QuestionContext) => Answers[K] | undefined;
  /** Said when there is no default to fall back on. */
  defaultHint?: string;
  /** The answer the default is derived from: a default that fails its check is that flag's problem. */
  defaultFrom?: keyof Answers;
  /** Lines that show where an invalid value goes wrong. */
  detail?: (value: string) => string | undefined;
  /** Why the question does not apply, given the answers so far: it is skipped, and its flag refused. */
  skip?: (answers: Partial<Answers>) => string | undefined;
  /** false: answered by its flag or its default only, never asked. */
  prompt?: boolean;
}

export type Question =
  | (QuestionBase<'projectName' | 'logGroupPrefix' | 'logGroupName' | 'filterPattern' | 'filterName' | 'sampleLogLine' | 'alarmEmail'> & { type: 'input'; check: AnswerCheck })
  | (QuestionBase<'createLogGroup' | 'accountPolicy'> & { type: 'confirm' });

const projectName: Question = {
  name: 'projectName',
  flag: 'project-name',
  type: 'input',
  message: 'Project name',
  description: 'npm package and stack name (default: the folder name)',
  default: ({ directoryName }) => (directoryName ? slug(directoryName).toLowerCase() || undefined : undefined),
  check: checkProjectName,
};

const accountPolicy: Question = {
  name: 'accountPolicy',
  flag: 'account-policy',
  type: 'confirm',
  message: 'Subscribe every log group of the account?',
  description: 'subscribe every log group of the account and region with one account-level subscription filter policy (one per account and region)',
  // An account-wide policy is a deliberate choice: a flag, never a default a prompt could slip into.
  prompt: false,
};

const logGroupPrefix: Question = {
  name: 'logGroupPrefix',
  flag: 'log-group-prefix',
  type: 'input',
  message: 'Log group name prefix',
  description: 'subscribe every log group whose name starts with this prefix, now and later, e.g. /aws/lambda/ (instead of --log-group)',
  check: checkLogGroupPrefix,
  skip: ({ accountPolicy }) => (accountPolicy ? 'the account policy covers every log group already' : undefined),
  // Asked through the log group question: a name ending in * is a prefix.
  prompt: false,
};

const logGroupName: Question = {
  name: 'logGroupName',
  flag: 'log-group',
  type: 'input',
  message: 'Log group to subscribe to (or a prefix, ending in *)',
  description:
    'CloudWatch Logs log group whose events invoke the function (required, unless --log-group-prefix or --account-policy), e.g. /aws/lambda/versions; ending in * it is a prefix',
  check: (value) => (value.endsWith('*') ? checkLogGroupPrefix(value.slice(0, -1)) : checkLogGroupName(value)),
  defaultHint: 'or --log-group-prefix <prefix> for every log group under a prefix, or --account-policy for every log group of the account',
  skip: ({ accountPolicy, logGroupPrefix }) => {
    if (accountPolicy) return 'the account policy covers every log group already';
    return logGroupPrefix === undefined ? undefined : 'it goes with a log group or a prefix, not both';
  },
};

/** The subscription the answers describe: the account, a prefix, or one log group. */
export function subscriptionFromAnswers(answers: Pick<Answers, 'filterName' | 'filterPattern'> & Partial<Answers>): Subscription {
  const { filterName: name, filterPattern } = answers;
  if (answers.accountPolicy) return { name, accountPolicy: true, filterPattern };
  const prefix = prefixOf(answers);
  if (prefix !== undefined) return { name, logGroupNamePrefix: prefix, filterPattern };
  return { name, logGroupName: answers.logGroupName ?? '', filterPattern, createLogGroup: answers.createLogGroup ?? false };
}

/** The prefix the answers subscribe by: --log-group-prefix, or a log group answer ending in `*`. */
export function prefixOf({ logGroupPrefix, logGroupName }: Partial<Answers>): string | undefined {
  if (logGroupPrefix !== undefined) return logGroupPrefix;
  return logGroupName?.endsWith('*') ? logGroupName.slice(0, -1) : undefined;
}

const filterPattern: Question = {
  name: 'filterPattern',
  flag: 'filter-pattern',
  type: 'input',
  message: 'Filter pattern (empty forwards every event)',
  description: 'CloudWatch Logs filter pattern, e.g. \'{ $.level = "ERROR" }\' (default: "", every event)',
  default: () => '',
  check: checkFilterPattern,
  detail: explainFilterPattern,
};

const filterName: Question = {
  name: 'filterName',
  flag: 'filter-name',
  type: 'input',
  message: 'Subscription filter name',
  description: 'name of the subscription filter (default: <project>-<log group>)',
  default: ({ answers, model }) => {
    const covered = answers.accountPolicy ? 'account' : (prefixOf(answers) ?? answers.logGroupName);
    if (covered === undefined) return undefined;
    return defaultFilterName(
      model?.projectName ?? answers.projectName ?? '',
      covered,
      model?.subscriptions.map((s) => s.name),
    );
  },
  check: checkFilterName,
};

const createLogGroup: Question = {
  name: 'createLogGroup',
  flag: 'create-log-group',
  type: 'confirm',
  message: 'Should the stack create this log group? (No: it exists already)',
  description: 'the stack creates the log group, with retention (default: import an existing one)',
  default: ({ answers, model }) => model?.subscriptions.filter(isNamed).find((s) => s.logGroupName === answers.logGroupName)?.createLogGroup ?? false,
  skip: (answers) => (answers.logGroupName === undefined || prefixOf(answers) !== undefined ? 'only a log group subscribed by name can be created by the stack' : undefined),
};

const sampleLogLine: Question = {
  name: 'sampleLogLine',
  flag: 'sample-log-line',
  type: 'input',
  message: 'A log line this filter must forward (for the tests)',
  description: 'a log line the pattern forwards, kept in test/fixtures/log-lines.json (default: derived from the pattern)',
  default: ({ answers }) => (answers.filterPattern === undefined ? undefined : forwardedLine(answers.filterPattern)),
  defaultHint: 'no line could be derived from this filter pattern',
  defaultFrom: 'filterPattern',
  check: (value, { filterPattern }) => {
    if (value === '' || /[\r\n]/.test(value)) return 'must be one non-empty log line';
    if (filterPattern !== undefined && !forwards(filterPattern, value))
      return `${JSON.stringify(value)} is not forwarded by the filter pattern ${JSON.stringify(filterPattern)}; give a line it matches`;
    return undefined;
  },
};

const alarmEmail: Question = {
  name: 'alarmEmail',
  flag: 'alarm-email',
  type: 'input',
  message: 'Email address for alarms (empty: none)',
  description: "emailed when an alarm fires or recovers, through SNS (confirm the subscription once); kept in cdk.json's context (default: no notifications)",
  default: () => '',
  check: checkAlarmEmail,
};

export const appQuestions: readonly Question[] = [projectName, accountPolicy, logGroupPrefix, logGroupName, filterPattern, filterName, createLogGroup, sampleLogLine, alarmEmail];
/**
 * The log group question as `filter` asks it: an account policy is a project's only subscription,
 * so filter takes no --account-policy, and neither its help nor its errors name it.
 */
const filterLogGroupName: Question = {
  ...logGroupName,
  description: 'CloudWatch Logs log group whose events invoke the function (required, unless --log-group-prefix), e.g. /aws/lambda/versions; ending in * it is a prefix',
  defaultHint: 'or --log-group-prefix <prefix> for every log group under a prefix',
};

export const filterQuestions: readonly Question[] = [logGroupPrefix, filterLogGroupName, filterPattern, filterName, createLogGroup, sampleLogLine];

/** Asks one question; `defaultValue` is what Enter gives, `answers` those so far. Returns the typed answer. */
export type Ask = (question: Question, defaultValue: string | boolean | undefined, answers: Partial<Answers>) => Promise<string | boolean>;

export interface ResolveOptions {
  /** Flag values by flag name; undefined = not given. */
  flags: Readonly<Record<string, unknown>>;
  /** false with --yes or without a TTY: never prompt. */
  interactive: boolean;
  ask: Ask;
  context?: Omit<QuestionContext, 'answers'>;
}

/**
 * The answers, from flags first, then prompts (interactive) or defaults. Every flag is checked
 * before anything is asked, so a bad flag fails at once; a required value with no flag and no
 * prompt is an InputError naming the flag.
 */
export async function resolveAnswers<K extends keyof Answers>(
  questions: readonly Question[],
  { flags, interactive, ask, context = {} }: ResolveOptions,
): Promise<Pick<Answers, K>> {
  const answers: Partial<Answers> = {};
  const given = (q: Question) => flags[q.flag] !== undefined;
  for (const question of questions.filter(given)) {
    const reason = question.skip?.(answers);
    if (reason) throw new InputError(`--${question.flag}`, `does not apply here: ${reason}`, `leave out --${question.flag}`);
    setAnswer(answers, question, fromFlag(question, flags[question.flag]));
  }
  for (const question of questions.filter((q) => !given(q))) {
    if (question.skip?.(answers)) continue;
    const defaultValue = question.default?.({ ...context, answers });
    if (question.prompt === false) {
      if (defaultValue !== undefined) setAnswer(answers, question, defaultValue);
      continue;
    }
    let value: string | boolean | undefined = defaultValue;
    if (interactive) value = await ask(question, defaultValue, answers);
    if (value === undefined) {
      throw new InputError(
        `--${question.flag}`,
        'is required',
        `pass --${question.flag} <value>: there is no terminal to ask in (or --yes was given)${question.defaultHint ? `; ${question.defaultHint}` : ''}`,
      );
    }
    if (interactive) setAnswer(answers, question, value);
    else
      setDefault(
        answers,
        question,
        value,
        questions.find((q) => q.name === question.defaultFrom && given(q)),
      );
  }
  return answers as Pick<Answers, K>;
}

/**
 * A default the user did not type: when it fails its check, the error names the flag the user
 * gave that it was derived from (a --filter-pattern no one-line sample can be derived from), not
 * the flag they never gave.
 */
function setDefault(answers: Partial<Answers>, question: Question, value: string | boolean, source: Question | undefined): void {
  const problem = typeof value === 'string' && question.type !== 'confirm' ? question.check(value, answers) : undefined;
  if (problem && source) {
    throw new InputError(
      `--${source.flag}`,
      `the --${question.flag} derived from it, ${JSON.stringify(value)}, is refused: it ${problem}`,
      `give one with --${question.flag} <value>`,
    );
  }
  setAnswer(answers, question, value);
}

function fromFlag(question: Question, raw: unknown): string | boolean {
  if (question.type === 'confirm') return raw === true || raw === 'true';
  if (typeof raw !== 'string') {
    throw new InputError(`--${question.flag}`, 'needs a value', `e.g. --${question.flag} <value>`);
  }
  return raw;
}

function setAnswer(answers: Partial<Answers>, question: Question, value: string | boolean): void {
  if (question.type === 'confirm') {
    answers[question.name] = value === true;
    return;
  }
  const text = String(value);
  const problem = question.check(text, answers);
  if (problem) throw new InputError(`--${question.flag}`, problem, undefined, question.detail?.(text));
  answers[question.name] = text;
}
