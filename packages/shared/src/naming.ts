/**
 * Names derived from the user's answers. They end up in construct ids, CloudFormation names and
 * file names, so each is a pure function of its inputs: the same answers give the same names on
 * every run (a changed filter name or construct id makes CloudFormation replace the filter).
 */
import { FILTER_NAME_MAX } from './aws-limits.js';

/** `my-app.v2` -> `MyAppV2` */
export function pascalCase(value: string): string {
  return value
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

/** The stack's class name, construct id and CloudFormation stack name, as `cdk init` names it. */
export function stackName(projectName: string): string {
  return `${pascalCase(projectName)}Stack`;
}

/**
 * The start of the name of every log group a log-lambda function writes to, whichever stack made
 * it: `/aws/lambda/log-lambda/<stack>/<function>`. None is ever subscribed: a function's own logs
 * delivered to a function that logs what it receives loop forever, at once for its own stack, and
 * through another stack for two prefix stacks on /aws/lambda/ or an account policy beside any.
 */
export const OWN_LOG_GROUP_MARKER = '/aws/lambda/log-lambda/';

/** The log group the echo function writes to. */
export function functionLogGroupName(projectName: string): string {
  return `${OWN_LOG_GROUP_MARKER}${stackName(projectName)}/echo`;
}

/** `/aws/lambda/versions` -> `aws-lambda-versions` */
export function slug(value: string): string {
  return value.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/**
 * The default subscription filter name: the project name (so the filter is recognisable in the
 * log group's list, and two projects never take over each other's filter, since a filter name is
 * unique per log group) plus the log group. A name already taken gets `-2`, `-3`, ...
 */
export function defaultFilterName(projectName: string, logGroupName: string, taken: readonly string[] = []): string {
  const base = [projectName, slug(logGroupName)].filter(Boolean).join('-').slice(0, FILTER_NAME_MAX);
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = base.slice(0, FILTER_NAME_MAX - suffix.length) + suffix;
    if (!taken.includes(candidate)) return candidate;
  }
}
