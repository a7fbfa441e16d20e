/**
 * Every feature set the templates render, as the models that need them: one log group, one the
 * stack creates (with an alarm email), a prefix, the whole account, and a named group beside a
 * prefix. Each rendered as create would render it, into a folder of its own.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addSubscription, emptyModel, sampleLogLines, type ProjectModel, type Subscription } from '@log-lambda/shared';
import { renderProject } from '../../generators/common/render.js';

/** Where rendered projects go: beside the installed pins of packages/project-types, which they resolve. */
export const renderedRoot = fileURLToPath(new URL('../../packages/project-types/rendered', import.meta.url));

const named: Subscription = { name: 'api-errors', logGroupName: '/app/api', filterPattern: '{ $.level = "ERROR" }', createLogGroup: false };
const created: Subscription = { ...named, name: 'api-created', createLogGroup: true };
const prefix: Subscription = { name: 'lambdas', logGroupNamePrefix: '/aws/lambda/', filterPattern: 'ERROR' };
const account: Subscription = { name: 'audit', accountPolicy: true, filterPattern: '' };

function model(subscriptions: Subscription[], extra: Partial<ProjectModel> = {}, projectName = 'my-app'): ProjectModel {
  let built: ProjectModel = { ...emptyModel(projectName, '0.0.0'), ...extra };
  for (const subscription of subscriptions) built = addSubscription(built, subscription);
  if (subscriptions.some((s) => !('logGroupName' in s))) built.excludedLogGroups = [];
  return built;
}

export const featureSets: Record<string, ProjectModel> = {
  named: model([named]),
  'named-created-alarm': model([created], { alarmEmail: 'ops@example.com' }),
  prefix: model([prefix]),
  account: model([account]),
  'named-and-prefix': model([named, prefix]),
};

/**
 * The longest names each value allows, and values that quote and escape, for the formatting test:
 * a line that Prettier would wrap or join at some length must show at both ends. The longest
 * project name npm allows (214, with dashes, which the stack name drops), the longest stack name
 * CloudFormation allows (128), log group names of 512 characters, patterns with quotes of both
 * kinds, backslashes and non-ASCII text.
 */
const longGroup = `/${'a'.repeat(200)}/${'b'.repeat(200)}/${'c'.repeat(109)}`;
export const extremeSets: Record<string, ProjectModel> = {
  'longest-project-name': model(
    [
      { name: 'x'.repeat(512), logGroupName: longGroup, filterPattern: `{ $.message = "it's \\"quoted\\" — größer" }`, createLogGroup: true },
      { name: 'prefix-every', logGroupNamePrefix: longGroup.slice(0, 400), filterPattern: `?"a b" ?'c'` },
    ],
    { alarmEmail: `${'o'.repeat(64)}@${'e'.repeat(180)}.com` },
    `a${'-b'.repeat(106)}c`,
  ),
  'longest-stack-name': model([{ name: 'q', logGroupName: '/q', filterPattern: `'single' 'quoted' "one"`, createLogGroup: false }], {}, `s${'t'.repeat(122)}`),
  'longest-account-stack-name': model([{ name: 'all', accountPolicy: true, filterPattern: `"it's"` }], {}, `s${'t'.repeat(122)}`),
};

/** Renders the feature set `name` into renderedRoot/<name>/ (emptied first); returns the folder. */
export function renderFeatureSet(name: string): string {
  const set = featureSets[name] ?? extremeSets[name]!;
  const folder = path.join(renderedRoot, name);
  rmSync(folder, { recursive: true, force: true });
  const logLines = Object.fromEntries(set.subscriptions.map((s) => [s.name, sampleLogLines(s.filterPattern)]));
  for (const [file, contents] of renderProject(set, logLines)) {
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    writeFileSync(path.join(folder, file), contents);
  }
  return folder;
}
