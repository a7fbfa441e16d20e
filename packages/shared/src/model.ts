/**
 * The project model: what `.yo-rc.json` stores (the project's name and the version that made it),
 * the stack's settings, which live in cdk.json's context, and the subscriptions, which live in
 * lib/subscriptions.ts alone (read from it as code; see subscriptions-source.ts). Every generated
 * file about subscriptions is rendered from it. The app generator starts it, `yo log-lambda:filter`
 * grows it.
 */
import { InputError } from './input-error.js';
import { OWN_LOG_GROUP_MARKER } from './naming.js';

/**
 * What sends matching log events to the function: a subscription filter on one log group, the
 * same filter on every log group whose name starts with a prefix (now and later), or an
 * account-level subscription filter policy over every log group of the account.
 */
export type Subscription = NamedSubscription | PrefixSubscription | AccountSubscription;

type SubscriptionBase = {
  /** The filter's (or account policy's) name in AWS, also its construct id: never changes once deployed. */
  name: string;
  /** `""` forwards every event. */
  filterPattern: string;
};

/** One log group, by name. */
export type NamedSubscription = SubscriptionBase & {
  logGroupName: string;
  /** true: the stack creates the log group (with retention); false: it exists already. */
  createLogGroup: boolean;
};

/** Every log group whose name starts with the prefix, including those created later (a subscriber function keeps them subscribed). */
export type PrefixSubscription = SubscriptionBase & { logGroupNamePrefix: string };

/** Every log group of the account and region: an account-level subscription filter policy. */
export type AccountSubscription = SubscriptionBase & { accountPolicy: true };

export function isNamed(subscription: Subscription): subscription is NamedSubscription {
  return 'logGroupName' in subscription;
}

export function isPrefix(subscription: Subscription): subscription is PrefixSubscription {
  return 'logGroupNamePrefix' in subscription;
}

export function isAccount(subscription: Subscription): subscription is AccountSubscription {
  return 'accountPolicy' in subscription;
}

/** What a subscription covers, for people: `/app/api`, `/app/*`, `every log group`. */
export function subscriptionTarget(subscription: Subscription): string {
  if (isNamed(subscription)) return subscription.logGroupName;
  if (isPrefix(subscription)) return `${subscription.logGroupNamePrefix}*`;
  return 'every log group';
}

/** What `.yo-rc.json` stores under `generator-log-lambda`: what marks the project, never its settings or subscriptions. */
export type YoRcEntry = {
  projectName: string;
  /** The generator-log-lambda version that made (or last upgraded) the project; absent in projects made by 0.1.0. */
  generatorVersion?: string;
};

/**
 * The stack's settings the generators know, in cdk.json's context, where the stack reads them (with
 * the log levels and maxPayloadBytes, which only the stack reads).
 */
export type StackSettings = {
  /** AWS's quota of subscription filters per log group (2 in the API reference; raise it if your account has more). */
  maxFiltersPerLogGroup: number;
  /** Where the stack's alarms are emailed; absent: no notifications. */
  alarmEmail?: string;
  /**
   * Log groups that prefix subscriptions and the account policy leave alone, besides the stack's
   * own (which they never subscribe); absent: none.
   */
  excludedLogGroups?: string[];
};

/** A project's settings: what marks it, and its stack's. */
export type ProjectSettings = YoRcEntry & StackSettings;

export type ProjectModel = ProjectSettings & { subscriptions: Subscription[] };

export const DEFAULT_MAX_FILTERS_PER_LOG_GROUP = 2;

/** The version that made a project whose settings record none: 0.1.0 was the only one that did not. */
export const UNRECORDED_GENERATOR_VERSION = '0.1.0';

export function emptyModel(projectName: string, generatorVersion?: string): ProjectModel {
  return { projectName, maxFiltersPerLogGroup: DEFAULT_MAX_FILTERS_PER_LOG_GROUP, ...(generatorVersion && { generatorVersion }), subscriptions: [] };
}

/** The part of the model `.yo-rc.json` stores. */
export function projectSettings({ projectName, generatorVersion }: YoRcEntry): YoRcEntry {
  return { projectName, ...(generatorVersion !== undefined && { generatorVersion }) };
}

/** The part of the model cdk.json's context holds. */
export function stackSettings({ maxFiltersPerLogGroup, alarmEmail, excludedLogGroups }: StackSettings): StackSettings {
  return { maxFiltersPerLogGroup, ...(alarmEmail !== undefined && { alarmEmail }), ...(excludedLogGroups !== undefined && { excludedLogGroups }) };
}

/**
 * The model with `subscription` added, or an InputError naming the flag to change when AWS or
 * CloudFormation would refuse it, or when it would make the function invoke itself.
 */
export function addSubscription(model: ProjectModel, subscription: Subscription): ProjectModel {
  const { name } = subscription;
  if (model.subscriptions.some((existing) => existing.name === name)) {
    throw new InputError('--filter-name', `a subscription filter named ${JSON.stringify(name)} exists already`, 'choose another --filter-name');
  }
  const account = model.subscriptions.find(isAccount);
  if (account) {
    throw new InputError(
      flagOf(subscription),
      `this project subscribes every log group of the account already (account policy ${account.name}): another subscription would deliver the same events to the function twice`,
      "change the account policy's filter pattern in lib/subscriptions.ts instead, or use another project",
    );
  }
  if (isAccount(subscription) && model.subscriptions.length > 0) {
    throw new InputError('--account-policy', "the account policy covers every log group, so it is a project's only subscription", 'create a new project for it');
  }
  if (isNamed(subscription)) checkNamed(model, subscription);
  if (isPrefix(subscription) && subscription.logGroupNamePrefix.startsWith(OWN_LOG_GROUP_MARKER)) {
    throw new InputError(
      '--log-group-prefix',
      `${subscription.logGroupNamePrefix} lies under ${OWN_LOG_GROUP_MARKER}, where only log-lambda functions' own log groups are, and none is ever subscribed (a function would be invoked by its own logs, forever)`,
      'subscribe another prefix',
    );
  }
  if (
    isPrefix(subscription) &&
    model.subscriptions.some(
      (existing) => isPrefix(existing) && existing.logGroupNamePrefix === subscription.logGroupNamePrefix && existing.filterPattern === subscription.filterPattern,
    )
  ) {
    throw new InputError('--log-group-prefix', `${subscription.logGroupNamePrefix} is subscribed with this filter pattern already`, 'choose another prefix or pattern');
  }
  return { ...model, subscriptions: [...model.subscriptions, subscription] };
}

function flagOf(subscription: Subscription): string {
  if (isNamed(subscription)) return '--log-group';
  if (isPrefix(subscription)) return '--log-group-prefix';
  return '--account-policy';
}

function checkNamed(model: ProjectModel, subscription: NamedSubscription): void {
  const { logGroupName } = subscription;
  if (logGroupName.startsWith(OWN_LOG_GROUP_MARKER)) {
    throw new InputError(
      '--log-group',
      `${logGroupName} is a log-lambda function's own log group (under ${OWN_LOG_GROUP_MARKER}, this stack's or another's): a function would be invoked by its own logs, forever`,
      'subscribe to another log group',
    );
  }
  const sameGroup = model.subscriptions.filter(isNamed).filter((existing) => existing.logGroupName === logGroupName);
  if (sameGroup.length >= model.maxFiltersPerLogGroup) {
    throw new InputError(
      '--log-group',
      `${logGroupName} has ${sameGroup.length} subscription filters already (${sameGroup.map((s) => s.name).join(', ')}); AWS allows ${model.maxFiltersPerLogGroup} per log group`,
      "combine the patterns, or raise maxFiltersPerLogGroup in cdk.json's context if your account has a higher quota: the stack reads it from there too",
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
}
