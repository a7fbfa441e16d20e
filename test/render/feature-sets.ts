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

function model(subscriptions: Subscription[], extra: Partial<ProjectModel> = {}): ProjectModel {
  let built: ProjectModel = { ...emptyModel('my-app', '0.0.0'), ...extra };
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

/** Renders the feature set `name` into renderedRoot/<name>/ (emptied first); returns the folder. */
export function renderFeatureSet(name: string): string {
  const set = featureSets[name]!;
  const folder = path.join(renderedRoot, name);
  rmSync(folder, { recursive: true, force: true });
  const logLines = Object.fromEntries(set.subscriptions.map((s) => [s.name, sampleLogLines(s.filterPattern)]));
  for (const [file, contents] of renderProject(set, logLines)) {
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    writeFileSync(path.join(folder, file), contents);
  }
  return folder;
}
