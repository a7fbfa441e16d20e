/**
 * The project model: the settings `.yo-rc.json` stores, plus the subscriptions, which live in
 * lib/subscriptions.ts alone (read from it as code; see subscriptions-source.ts). Every generated
 * file about subscriptions is rendered from it. The app generator starts it, `yo log-lambda:filter`
 * grows it.
 */
import { InputError } from './input-error.js';
import { functionLogGroupName } from './naming.js';

/** One CloudWatch Logs subscription filter that sends matching events to the function. */
export type Subscription = {
  /** The filter's name in AWS, also its construct id: never changes once deployed. */
  name: string;
  logGroupName: string;
  /** `""` forwards every event. */
  filterPattern: string;
  /** true: the stack creates the log group (with retention); false: it exists already. */
  createLogGroup: boolean;
};

/** What `.yo-rc.json` stores under `generator-log-lambda`: the project's settings, never the subscriptions. */
export type ProjectSettings = {
  projectName: string;
  /** AWS's quota of subscription filters per log group (2 in the API reference; raise it here if your account has more). */
  maxFiltersPerLogGroup: number;
  /** The generator-log-lambda version that made (or last upgraded) the project; absent in projects made by 0.1.0. */
  generatorVersion?: string;
};

export type ProjectModel = ProjectSettings & { subscriptions: Subscription[] };

export const DEFAULT_MAX_FILTERS_PER_LOG_GROUP = 2;

/** The version that made a project whose settings record none: 0.1.0 was the only one that did not. */
export const UNRECORDED_GENERATOR_VERSION = '0.1.0';

export function emptyModel(projectName: string, generatorVersion?: string): ProjectModel {
  return { projectName, maxFiltersPerLogGroup: DEFAULT_MAX_FILTERS_PER_LOG_GROUP, ...(generatorVersion && { generatorVersion }), subscriptions: [] };
}

/** The part of the model `.yo-rc.json` stores. */
export function projectSettings({ subscriptions: _, ...settings }: ProjectModel): ProjectSettings {
  return settings;
}

/**
 * The model with `subscription` added, or an InputError naming the flag to change when AWS or
 * CloudFormation would refuse it, or when it would make the function invoke itself.
 */
export function addSubscription(model: ProjectModel, subscription: Subscription): ProjectModel {
  const { name, logGroupName } = subscription;
  if (model.subscriptions.some((existing) => existing.name === name)) {
    throw new InputError('--filter-name', `a subscription filter named ${JSON.stringify(name)} exists already`, 'choose another --filter-name');
  }
  if (logGroupName === functionLogGroupName(model.projectName)) {
    throw new InputError(
      '--log-group',
      `${logGroupName} is the echo function's own log group: the function would be invoked by its own logs, forever`,
      'subscribe to another log group',
    );
  }
  const sameGroup = model.subscriptions.filter((existing) => existing.logGroupName === logGroupName);
  if (sameGroup.length >= model.maxFiltersPerLogGroup) {
    throw new InputError(
      '--log-group',
      `${logGroupName} has ${sameGroup.length} subscription filters already (${sameGroup.map((s) => s.name).join(', ')}); AWS allows ${model.maxFiltersPerLogGroup} per log group`,
      'combine the patterns, or raise maxFiltersPerLogGroup in .yo-rc.json if your account has a higher quota: the stack reads it from there too',
    );
  }
  const owner = sameGroup[0];
  if (owner && owner.createLogGroup !== subscription.createLogGroup) {
    throw new InputError(
      '--create-log-group',
      `${logGroupName} is already ${owner.createLogGroup ? 'created by this stack' : 'imported as an existing log group'} (filter ${owner.name})`,
      owner.createLogGroup ? 'add --create-log-group' : 'leave out --create-log-group',
    );
  }
  return { ...model, subscriptions: [...model.subscriptions, subscription] };
}
