// The three kinds of entries of lib/subscriptions.ts, and how to tell them apart.

interface SubscriptionBase {
  /** The filter's (or account policy's) name in AWS and its construct id. Never rename a deployed one: CloudFormation would replace it. */
  readonly name: string;
  /** CloudWatch Logs filter pattern; "" forwards every event. */
  readonly filterPattern: string;
}

/** A subscription filter on one log group. */
export interface NamedSubscription extends SubscriptionBase {
  readonly logGroupName: string;
  /** true: this stack creates the log group (with retention); false: it exists already. */
  readonly createLogGroup: boolean;
}

/** The same filter on every log group whose name starts with the prefix, now and later. */
export interface PrefixSubscription extends SubscriptionBase {
  readonly logGroupNamePrefix: string;
}

/** Every log group of the account and region, through an account-level subscription filter policy. */
export interface AccountSubscription extends SubscriptionBase {
  readonly accountPolicy: true;
}

export type AnySubscription = NamedSubscription | PrefixSubscription | AccountSubscription;

export function isNamed<S extends AnySubscription>(subscription: S): subscription is Extract<S, NamedSubscription> {
  return 'logGroupName' in subscription;
}

export function isPrefix<S extends AnySubscription>(subscription: S): subscription is Extract<S, PrefixSubscription> {
  return 'logGroupNamePrefix' in subscription;
}

export function isAccount<S extends AnySubscription>(subscription: S): subscription is Extract<S, AccountSubscription> {
  return 'accountPolicy' in subscription;
}
