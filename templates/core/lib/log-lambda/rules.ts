<% const kinds = { named: 'NamedSubscription', prefix: 'PrefixSubscription', account: 'AccountSubscription' }; -%>
/**
 * What lib/subscriptions.ts may hold: the kinds of entries this project has the features for, the log groups no log-lambda
 * stack ever subscribes, the checks that stop a synth with one sentence saying what to change
 * (bin/<%- projectName %>.ts prints it without a stack trace), and what each feature of
 * lib/log-lambda/ is given to subscribe its kind. No dependency: the functions' bundles and the
 * local tools import it too.
 */
import { readFileSync } from 'node:fs';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct, IConstruct } from 'constructs';
import type { EchoAlarms } from './alarms.js';

interface SubscriptionBase {
  /** The filter's (or account policy's) name in AWS and its construct id. Never rename a deployed one: CloudFormation would replace it. */
  readonly name: string;
  /** CloudWatch Logs filter pattern; "" forwards every event. */
  readonly filterPattern: string;
}

<% if (has('named')) { -%>
/** A subscription filter on one log group. */
export interface NamedSubscription extends SubscriptionBase {
  readonly logGroupName: string;
  /** true: this stack creates the log group (with retention); false: it exists already. */
  readonly createLogGroup: boolean;
}

<% } -%>
<% if (has('prefix')) { -%>
/** The same filter on every log group whose name starts with the prefix, now and later. */
export interface PrefixSubscription extends SubscriptionBase {
  readonly logGroupNamePrefix: string;
}

<% } -%>
<% if (has('account')) { -%>
/** Every log group of the account and region, through an account-level subscription filter policy. */
export interface AccountSubscription extends SubscriptionBase {
  readonly accountPolicy: true;
}

<% } -%>
export type Subscription = <%- features.filter((feature) => feature !== 'core').map((feature) => kinds[feature]).join(' | ') %>;
<% if (has('named')) { -%>

export function isNamed<S extends Subscription>(subscription: S): subscription is Extract<S, NamedSubscription> {
  return 'logGroupName' in subscription;
}
<% } -%>
<% if (has('prefix')) { -%>

export function isPrefix<S extends Subscription>(subscription: S): subscription is Extract<S, PrefixSubscription> {
  return 'logGroupNamePrefix' in subscription;
}
<% } -%>
<% if (has('account')) { -%>

export function isAccount<S extends Subscription>(subscription: S): subscription is Extract<S, AccountSubscription> {
  return 'accountPolicy' in subscription;
}
<% } -%>

/** The part of log-lambda that handles each kind of entry: a project holds those its entries need. */
export type Feature = 'named' | 'prefix' | 'account';

/** The kind of an entry of lib/subscriptions.ts, whatever it holds. */
export function featureOf(subscription: object): Feature {
  return 'logGroupName' in subscription ? 'named' : 'logGroupNamePrefix' in subscription ? 'prefix' : 'account';
}

/**
 * The marker in the name of every log group a log-lambda function writes to, whichever stack
 * made it: `<%- ownLogGroupMarker %><stack>/<function>`. Subscribing one of them would deliver a
 * function's own logs to a function that logs what it receives: the stack's own group loops at
 * once, another stack's group loops through that stack. So no log group under the marker is ever
 * subscribed, by name, by prefix or by the account policy.
 */
export const OWN_LOG_GROUP_MARKER = <%- tsString(ownLogGroupMarker) %>;

/** The log groups a stack's own functions write to. */
export function ownLogGroups(stackName: string) {
  return { echo: `${OWN_LOG_GROUP_MARKER}${stackName}/echo`<% if (has('prefix')) { %>, subscriber: `${OWN_LOG_GROUP_MARKER}${stackName}/subscriber`<% } %> };
}

/** Whether `logGroupName` is a log-lambda function's own log group, of this stack or any other. */
export function isLogLambdaLogGroup(logGroupName: string): boolean {
  return logGroupName.startsWith(OWN_LOG_GROUP_MARKER);
}

/** The stack's name in bin/<%- projectName %>.ts, for the local tools. */
export const DEFAULT_STACK_NAME = '<%- stackName %>';

/** A synth refused: lib/subscriptions.ts or a setting asks for what CloudFormation would fail on. The message says what to change. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/** What an entry says of a kind this project has no part for (added by hand), and the command that adds one. */
const MISSING: Partial<Record<Feature, { what: string; add: string }>> = {
<% if (!has('named')) { -%>
  named: { what: 'subscribes a log group by name, and this project has no subscriptions by name', add: 'yo log-lambda:filter --log-group <name>' },
<% } -%>
<% if (!has('prefix')) { -%>
  prefix: { what: 'subscribes log groups by prefix, and this project has no prefix subscriber', add: 'yo log-lambda:filter --log-group-prefix <prefix>' },
<% } -%>
<% if (!has('account')) { -%>
  account: { what: 'is an account policy, and this project has none', add: 'npm create log-lambda@latest -- --account-policy, in a project of its own' },
<% } -%>
};

/**
 * Refuses a name used twice, and an entry of a kind this project has no part for; each feature
 * checks its own entries.
 */
export function checkSubscriptions(wanted: readonly Subscription[]): void {
  const names = new Set<string>();
  for (const { name } of wanted) {
    if (names.has(name)) throw new ConfigurationError(`Subscription filter name "${name}" is used twice in lib/subscriptions.ts; names must be unique.`);
    names.add(name);
  }
  for (const subscription of wanted) {
    const missing = MISSING[featureOf(subscription)];
    if (missing) {
      throw new ConfigurationError(
        `Subscription "${subscription.name}" in lib/subscriptions.ts ${missing.what}: run npm create log-lambda@latest -- --upgrade, which brings in what the entries of lib/subscriptions.ts need, or remove the entry and add it with ${missing.add}.`,
      );
    }
  }
}

/** What the stack gives each feature: its entries are those of `wanted` of its kind. */
export interface FeatureProps {
  /** The stack: every feature's resources are its children, with the construct ids they always had. */
  readonly scope: Construct;
  readonly wanted: readonly Subscription[];
  /** The construct id of each entry of `wanted` (constructIds), in the same order. */
  readonly ids: readonly string[];
  /** The echo function: where every subscription delivers. */
  readonly destination: IFunction;
  /** The one permission that lets CloudWatch Logs invoke it: every filter is put after it exists. */
  readonly permission: IConstruct;
  /** The stack's alarms, which each feature adds its delivery alarms to. */
  readonly alarms: EchoAlarms;
}

/**
 * A construct id for each name: the same for the same name, different for different names. CDK
 * turns each "/" of an id into "--", so "/a/b" and "/a--b" would collide: the first of such names
 * (in file order) keeps the id it always had, and a later one gets ":" + the name with each "/"
 * spelt ":" (no filter or log group name contains a ":"). Existing ids never change, since
 * entries are only ever appended.
 */
export function constructIds(names: readonly string[]): string[] {
  const firstWith = new Map<string, string>();
  return names.map((name) => {
    const cdkForm = name.replace(/\//g, '--');
    const first = firstWith.get(cdkForm) ?? name;
    firstWith.set(cdkForm, first);
    return first === name ? name : `:${name.replace(/\//g, ':')}`;
  });
}

/**
 * The stack's settings in cdk.json's context, for what runs without the CDK CLI (the tests, npm
 * run invoke); a synth gets them from the CLI, with any `-c name=value`.
 */
export function cdkJsonContext(): Record<string, unknown> {
  const { context } = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context?: Record<string, unknown> };
  return context ?? {};
}
