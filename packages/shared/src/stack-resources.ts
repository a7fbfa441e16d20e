/**
 * How many CloudFormation resources a generated project's stack holds, from its subscriptions
 * alone: what `yo log-lambda:filter` checks before appending an entry, so that the entry that
 * would take the stack past CloudFormation's 500 is refused at the door rather than at synth.
 * It mirrors the templates of each feature: the core's stack and alarms (templates/core/lib), and
 * what named-subscriptions.ts, prefix-subscriber.ts and account-policy.ts add (templates/<feature>/
 * lib/log-lambda); each feature's test in the generated project (test/log-lambda/) checks its
 * numbers against the synthesized template, and the stack refuses itself at synth with the exact
 * count (checkStackSize).
 */
import { isAccount, isNamed, isPrefix, type Subscription } from './model.js';

/** CloudFormation's quota of resources in one stack. */
export const MAX_STACK_RESOURCES = 500;

/** Metrics one alarm may sum (CloudWatch's limit): delivery alarms cover 10 named subscriptions, skipped-at-limit alarms 10 prefixes. */
const PER_ALARM = 10;

export interface StackResourceOptions {
  /** An alarm email is set (cdk.json's `alarmEmail`): the SNS topic, its policy and the email subscription. */
  readonly alarmEmail: boolean;
  /** aws-cdk-lib adds a CDKMetadata resource (the CLI's default; `aws:cdk:version-reporting` false turns it off). Default true. */
  readonly versionReporting?: boolean;
}

/**
 * The resources of a stack with these subscriptions:
 * - always (the core): the echo function, its role and policy, its log group, the failure queue,
 *   its policy and key, the async invoke config, the one invoke permission, and 4 alarms (13), and
 *   CDKMetadata;
 * - an alarm email: the topic, its policy and the email subscription (3);
 * - by name: a filter each, a log group per distinct group the stack creates, and 2 delivery
 *   alarms per 10 subscriptions;
 * - by prefix: the subscriber (function, its async invoke config, role, policy, log group, 2
 *   rules, 2 rule permissions, errors alarm: 10, plus a skipped-at-limit alarm per 10 prefixes),
 *   and per prefix its custom resource and 2 delivery alarms;
 * - the account policy: the policy and 2 delivery alarms.
 */
export function stackResourceCount(subscriptions: readonly Subscription[], { alarmEmail, versionReporting = true }: StackResourceOptions): number {
  const named = subscriptions.filter(isNamed);
  const createdLogGroups = new Set(named.filter((s) => s.createLogGroup).map((s) => s.logGroupName)).size;
  const prefixes = subscriptions.filter(isPrefix).length;
  const accounts = subscriptions.filter(isAccount).length;
  return (
    13 +
    (versionReporting ? 1 : 0) +
    (alarmEmail ? 3 : 0) +
    named.length +
    createdLogGroups +
    2 * Math.ceil(named.length / PER_ALARM) +
    (prefixes > 0 ? 10 + Math.ceil(prefixes / PER_ALARM) + 3 * prefixes : 0) +
    3 * accounts
  );
}
