/**
 * AWS's rules for the values a user types, one function per kind of value. Each returns
 * `undefined` when the value is fine, otherwise a short phrase saying what is wrong and how to
 * fix it. Sources: CloudWatch Logs API reference (PutSubscriptionFilter, CreateLogGroup).
 */
import { validateFilterPattern } from '@log-lambda/filter-pattern';
import { ALARM_EMAIL_MAX, FILTER_NAME_MAX, LOG_GROUP_NAME_MAX, PROJECT_NAME_MAX, STACK_NAME_MAX } from './aws-limits.js';
import { stackName } from './naming.js';

export type Check = (value: string) => string | undefined;

export { ALARM_EMAIL_MAX, FILTER_NAME_MAX, LOG_GROUP_NAME_MAX, PROJECT_NAME_MAX, STACK_NAME_MAX } from './aws-limits.js';

const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]+$/;

export const checkLogGroupName: Check = (value) => {
  if (value.length === 0) return 'is required: give the name of the log group to subscribe to, e.g. /aws/lambda/my-function';
  if (value.length > LOG_GROUP_NAME_MAX) return `is ${value.length} characters long; AWS allows at most ${LOG_GROUP_NAME_MAX}`;
  const bad = [...value].find((char) => !LOG_GROUP_NAME.test(char));
  if (bad !== undefined) {
    return `${JSON.stringify(value)} contains ${describeChar(bad)}; a log group name may only use letters, digits and . - _ / #`;
  }
  return undefined;
};

/** A log group name prefix: the start of a name, matched as is (no wildcard). */
export const checkLogGroupPrefix: Check = (value) => {
  if (value.length === 0) return 'must not be empty: to subscribe every log group of the account, create a project with --account-policy';
  if (value.endsWith('*')) return `${JSON.stringify(value)} ends with "*"; leave it out: every log group whose name starts with the prefix is subscribed`;
  return checkLogGroupName(value)?.replace('a log group name may only', 'a prefix may only');
};

export const checkFilterName: Check = (value) => {
  if (value.length === 0) return 'must not be empty: give a name, or leave the flag out to get one derived from the log group';
  if (value.length > FILTER_NAME_MAX) return `is ${value.length} characters long; AWS allows at most ${FILTER_NAME_MAX}`;
  // AWS allows control characters; they only make the filter impossible to tell apart in the console.
  const bad = [...value].find((char) => char === ':' || char === '*' || /\p{Cc}/u.test(char));
  if (bad !== undefined) return `${JSON.stringify(value)} contains ${describeChar(bad)}, which is not allowed in a filter name`;
  return undefined;
};

/** Where alarms are emailed (SNS sends a confirmation there first); empty means no notifications. */
export const checkAlarmEmail: Check = (value) => {
  if (value === '') return undefined;
  if (value.length > ALARM_EMAIL_MAX) return `is ${value.length} characters long; an email address has at most ${ALARM_EMAIL_MAX}`;
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return `${JSON.stringify(value)} is not an email address, e.g. ops@example.com (leave it empty for no notifications)`;
  return undefined;
};

/** The whole filter-pattern language is checked offline, with the position of the first error. */
export const checkFilterPattern: Check = (value) => validateFilterPattern(value);

/**
 * The project name becomes the npm package name, the folder name, `bin/<name>.ts` and (in
 * PascalCase) the stack's class and CloudFormation name, so it follows npm's rules for a new
 * package and must start with a letter.
 */
export const checkProjectName: Check = (value) => {
  if (value.length === 0) return 'is required';
  if (value.length > PROJECT_NAME_MAX) return `is ${value.length} characters long; npm allows at most ${PROJECT_NAME_MAX}`;
  if (!/^[a-z]/.test(value)) return `${JSON.stringify(value)} must start with a lowercase letter`;
  const bad = [...value].find((char) => !/[a-z0-9._-]/.test(char));
  if (bad !== undefined) {
    return `${JSON.stringify(value)} contains ${describeChar(bad)}; use lowercase letters, digits, - . and _ (an npm package name)`;
  }
  if (value === 'node_modules') return '"node_modules" is reserved by npm';
  const stack = stackName(value);
  if (stack.length > STACK_NAME_MAX) {
    return `gives the stack name ${stack.slice(0, 20)}… of ${stack.length} characters; CloudFormation allows ${STACK_NAME_MAX} (choose a shorter name, e.g. with --project-name)`;
  }
  return undefined;
};

function describeChar(char: string): string {
  if (char === ' ') return 'a space';
  if (/\s/.test(char)) return 'white space';
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || code > 0x7e) return `the character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `"${char}"`;
}
