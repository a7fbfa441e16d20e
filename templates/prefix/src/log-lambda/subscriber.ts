/**
 * The subscriber: keeps the echo function subscribed to every log group whose name starts with a
 * prefix of lib/subscriptions.ts, including log groups created after the deploy. It runs
 *
 * - as a CloudFormation custom resource, one per prefix: on create and update it subscribes every
 *   log group under the prefix; on delete it removes exactly the filters it made;
 * - on CloudTrail's CreateLogGroup event (through EventBridge): it subscribes the new group;
 * - every hour: it subscribes whatever is missing (CloudTrail sends those events only to
 *   accounts with a trail, and an event can be lost).
 *
 * Its rules: never subscribe a log-lambda function's own log group, of this stack or any other
 * (a function would invoke itself, or two stacks each other, forever), nor the excluded ones (the
 * user said no); a filter of this name on a group is ours, any other is not, and is never changed
 * or deleted; a group that has as many filters as AWS allows is skipped and reported (a log line,
 * and the GroupsSkippedAtLimit metric), not failed; throttling is retried with backoff; while its
 * stack is being deleted, only the custom resource's delete runs (an event or the hourly run would
 * put back filters pointing at a function about to be deleted).
 */
import { readFileSync } from 'node:fs';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  CloudWatchLogsClient,
  DeleteSubscriptionFilterCommand,
  DescribeLogGroupsCommand,
  DescribeSubscriptionFiltersCommand,
  PutSubscriptionFilterCommand,
  type SubscriptionFilter,
} from '@aws-sdk/client-cloudwatch-logs';
import type { Context } from 'aws-lambda';
import { isLogLambdaLogGroup } from '../../lib/log-lambda/rules.js';

/** One prefix subscription, as the custom resource and the environment give it. */
export interface PrefixSubscription {
  filterName: string;
  logGroupNamePrefix: string;
  filterPattern: string;
}

export interface SubscriberConfig {
  /** The echo function's ARN. */
  destinationArn: string;
  /** Log groups never subscribed, besides every log-lambda function's: the stack's own and the excluded ones. */
  excludedLogGroups: readonly string[];
  /** AWS's quota of subscription filters per log group. */
  maxFiltersPerLogGroup: number;
  /** Every prefix subscription of the stack (for new log groups and the hourly reconcile). */
  subscriptions: readonly PrefixSubscription[];
  /** Where GroupsSubscribed and GroupsSkippedAtLimit go (the stack alarms on the latter). */
  metricNamespace: string;
  /** The subscriber's own stack (CloudFormation's stack id). */
  stackId: string;
}

/** What a pass over the log groups under one prefix did. */
export interface Report {
  filterName: string;
  subscribed: string[];
  /** Already subscribed with this pattern and destination. */
  unchanged: number;
  /** At the per-group quota with filters of others: left alone. */
  skippedAtLimit: string[];
  /** Log groups not reached before the time ran out: the next reconcile takes them. */
  unfinished: boolean;
}

type Log = (record: Record<string, unknown>) => void;

export interface SubscriberOptions {
  sleep?: (ms: number) => Promise<void>;
  log?: Log;
  /** Milliseconds left before the function must stop (default: no limit). */
  remainingMs?: () => number;
  random?: () => number;
  /** Called before each filter is put; throws to stop the pass (default: nothing to check). */
  beforePut?: () => Promise<void>;
}

const THROTTLING = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'ServiceUnavailableException', 'RequestLimitExceeded']);
const MAX_ATTEMPTS = 8;
/** Time kept in hand to answer CloudFormation before the function times out. */
const RESERVE_MS = 30_000;

export class Subscriber {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly log: Log;
  private readonly remainingMs: () => number;
  private readonly random: () => number;
  private readonly beforePut: () => Promise<void>;

  constructor(
    private readonly client: CloudWatchLogsClient,
    private readonly config: SubscriberConfig,
    options: SubscriberOptions = {},
  ) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.log = options.log ?? writeJsonLine;
    this.remainingMs = options.remainingMs ?? (() => Number.POSITIVE_INFINITY);
    this.random = options.random ?? Math.random;
    this.beforePut = options.beforePut ?? (async () => undefined);
  }

  /** Why `logGroupName` is never subscribed; undefined when it may be. */
  excluded(logGroupName: string): string | undefined {
    if (isLogLambdaLogGroup(logGroupName)) return "a log-lambda function's own log group, of this stack or another";
    return this.config.excludedLogGroups.includes(logGroupName) ? "one of the stack's own log groups, or in excludedLogGroups" : undefined;
  }

  /** Subscribes every log group under the prefix; reports what it did. */
  async subscribeAll(subscription: PrefixSubscription): Promise<Report> {
    const report: Report = { filterName: subscription.filterName, subscribed: [], unchanged: 0, skippedAtLimit: [], unfinished: false };
    for await (const logGroupName of this.logGroups(subscription.logGroupNamePrefix)) {
      if (this.remainingMs() < RESERVE_MS) {
        report.unfinished = true;
        break;
      }
      const outcome = await this.subscribe(subscription, logGroupName);
      if (outcome === 'subscribed') report.subscribed.push(logGroupName);
      else if (outcome === 'unchanged') report.unchanged++;
      else if (outcome === 'at limit') report.skippedAtLimit.push(logGroupName);
    }
    this.report(report);
    return report;
  }

  /** Subscribes a log group to every prefix subscription that covers it (a new log group). */
  async subscribeNew(logGroupName: string): Promise<Report[]> {
    const reports: Report[] = [];
    for (const subscription of this.config.subscriptions.filter((s) => logGroupName.startsWith(s.logGroupNamePrefix))) {
      const outcome = await this.subscribe(subscription, logGroupName);
      const report: Report = {
        filterName: subscription.filterName,
        subscribed: outcome === 'subscribed' ? [logGroupName] : [],
        unchanged: outcome === 'unchanged' ? 1 : 0,
        skippedAtLimit: outcome === 'at limit' ? [logGroupName] : [],
        unfinished: false,
      };
      this.report(report);
      reports.push(report);
    }
    return reports;
  }

  /**
   * Puts this subscription's filter on one log group, unless the group is excluded, already has
   * it, or has as many filters as AWS allows (none of them ours).
   */
  async subscribe(subscription: PrefixSubscription, logGroupName: string): Promise<'subscribed' | 'unchanged' | 'at limit' | 'excluded'> {
    if (!logGroupName.startsWith(subscription.logGroupNamePrefix) || this.excluded(logGroupName)) return 'excluded';
    const filters = await this.filtersOf(logGroupName);
    const ours = filters.find((filter) => filter.filterName === subscription.filterName);
    if (ours && ours.filterPattern === subscription.filterPattern && ours.destinationArn === this.config.destinationArn) return 'unchanged';
    if (!ours && filters.length >= this.config.maxFiltersPerLogGroup) return 'at limit';
    await this.beforePut();
    try {
      await this.retrying(() =>
        this.client.send(
          new PutSubscriptionFilterCommand({
            logGroupName,
            filterName: subscription.filterName,
            filterPattern: subscription.filterPattern,
            destinationArn: this.config.destinationArn,
          }),
        ),
      );
    } catch (error) {
      // Another filter arrived between the two calls, or the quota is lower than the setting says.
      if ((error as Error).name === 'LimitExceededException') return 'at limit';
      // The group was deleted meanwhile: nothing to subscribe.
      if ((error as Error).name === 'ResourceNotFoundException') return 'excluded';
      throw error;
    }
    return 'subscribed';
  }

  /**
   * Removes this subscription's filter from every log group under its prefix (but those `keep`
   * says stay): ours only, same name and same destination. Out of time, it fails saying so, and
   * the delete is tried again.
   */
  async unsubscribeAll(subscription: Pick<PrefixSubscription, 'filterName' | 'logGroupNamePrefix'>, keep: (logGroupName: string) => boolean = () => false): Promise<string[]> {
    const removed: string[] = [];
    for await (const logGroupName of this.logGroups(subscription.logGroupNamePrefix)) {
      if (keep(logGroupName)) continue;
      if (this.remainingMs() < RESERVE_MS) {
        throw new Error(`out of time after removing filter ${subscription.filterName} from ${removed.length} log groups; try again to remove the rest`);
      }
      const filters = await this.filtersOf(logGroupName);
      if (!filters.some((f) => f.filterName === subscription.filterName && f.destinationArn === this.config.destinationArn)) continue;
      try {
        await this.retrying(() => this.client.send(new DeleteSubscriptionFilterCommand({ logGroupName, filterName: subscription.filterName })));
        removed.push(logGroupName);
      } catch (error) {
        if ((error as Error).name !== 'ResourceNotFoundException') throw error;
      }
    }
    this.log({ level: 'INFO', message: `removed filter ${subscription.filterName} from ${removed.length} log groups`, filterName: subscription.filterName, removed });
    return removed;
  }

  /** Every log group whose name starts with `prefix`, page by page. */
  async *logGroups(prefix: string): AsyncGenerator<string> {
    let nextToken: string | undefined;
    do {
      const page = await this.retrying(() => this.client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix, ...(nextToken && { nextToken }) })));
      for (const group of page.logGroups ?? []) if (group.logGroupName) yield group.logGroupName;
      nextToken = page.nextToken;
    } while (nextToken);
  }

  private async filtersOf(logGroupName: string): Promise<SubscriptionFilter[]> {
    try {
      const { subscriptionFilters = [] } = await this.retrying(() => this.client.send(new DescribeSubscriptionFiltersCommand({ logGroupName })));
      return subscriptionFilters;
    } catch (error) {
      if ((error as Error).name === 'ResourceNotFoundException') return [];
      throw error;
    }
  }

  /** `call`, retried on throttling with exponential backoff and full jitter (0.2 s, 0.4 s, ... up to 20 s). */
  async retrying<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (!THROTTLING.has((error as Error).name) || attempt >= MAX_ATTEMPTS) throw error;
        await this.sleep(Math.round(this.random() * Math.min(20_000, 200 * 2 ** (attempt - 1))));
      }
    }
  }

  /** One log line per pass, and the GroupsSkippedAtLimit metric (embedded metric format). */
  private report({ filterName, subscribed, unchanged, skippedAtLimit, unfinished }: Report): void {
    if (skippedAtLimit.length > 0) {
      this.log({
        level: 'WARN',
        message: `filter ${filterName}: ${skippedAtLimit.length} log groups already have ${this.config.maxFiltersPerLogGroup} subscription filters of others, left alone: ${skippedAtLimit.join(', ')}`,
        filterName,
        skippedAtLimit,
      });
    }
    this.log({
      level: 'INFO',
      message: `filter ${filterName}: ${subscribed.length} subscribed, ${unchanged} already, ${skippedAtLimit.length} at the limit${unfinished ? '; out of time, the next reconcile goes on' : ''}`,
      filterName,
      subscribed,
      _aws: {
        Timestamp: Date.now(),
        CloudWatchMetrics: [
          {
            Namespace: this.config.metricNamespace,
            Dimensions: [['FilterName']],
            Metrics: [
              { Name: 'GroupsSkippedAtLimit', Unit: 'Count' },
              { Name: 'GroupsSubscribed', Unit: 'Count' },
            ],
          },
        ],
      },
      // The metrics' dimension and values, as embedded metric format reads them: top-level fields.
      FilterName: filterName,
      GroupsSkippedAtLimit: skippedAtLimit.length,
      GroupsSubscribed: subscribed.length,
    });
  }
}

function writeJsonLine(record: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ timestamp: new Date().toISOString(), ...record })}\n`);
}

/** What the stack writes beside the code (lib/log-lambda/prefix-subscriber.ts's CONFIG_FILE): lists too long for the environment. */
export interface FileConfig {
  excludedLogGroups: string[];
  subscriptions: PrefixSubscription[];
}

/** The configuration: the environment's variables and the file bundled beside the code. */
export function configFrom(env: NodeJS.ProcessEnv, file: string): SubscriberConfig {
  const text = (name: string): string => {
    const value = env[name];
    if (value === undefined) throw new Error(`${name} is not set: the stack sets it`);
    return value;
  };
  const { excludedLogGroups, subscriptions } = JSON.parse(file) as FileConfig;
  return {
    destinationArn: text('DESTINATION_ARN'),
    excludedLogGroups,
    maxFiltersPerLogGroup: Number(text('MAX_FILTERS_PER_LOG_GROUP')),
    subscriptions,
    metricNamespace: text('METRIC_NAMESPACE'),
    stackId: text('STACK_ID'),
  };
}

/** The stack is being deleted (or was, or its creation is being rolled back): no filter may be put. */
export class StackGoneError extends Error {
  override readonly name = 'StackGoneError';
}

/**
 * Throws a StackGoneError when the stack is being deleted, was deleted, or its creation is rolled
 * back (ROLLBACK_*, which deletes its resources too); any other status lets filters be put.
 */
export async function checkStackAlive(client: CloudFormationClient, stackId: string): Promise<void> {
  let status: string | undefined;
  try {
    const { Stacks = [] } = await client.send(new DescribeStacksCommand({ StackName: stackId }));
    status = Stacks[0]?.StackStatus;
  } catch (error) {
    // DescribeStacks by id answers a deleted stack with DELETE_COMPLETE; by then the function is gone too, but be sure.
    if ((error as Error).name === 'ValidationError' && /does not exist/.test((error as Error).message)) status = undefined;
    else throw error;
  }
  if (status === undefined || status.startsWith('DELETE_') || status.startsWith('ROLLBACK_')) {
    throw new StackGoneError(`stack ${stackId} is ${status ?? 'gone'}: no subscription filter is put while it is deleted`);
  }
}

/** A CloudFormation custom resource request, as CloudFormation sends it. */
export interface CustomResourceEvent {
  RequestType: 'Create' | 'Update' | 'Delete';
  ResponseURL: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceProperties: Record<string, unknown>;
  OldResourceProperties?: Record<string, unknown>;
}

/** CloudTrail's record of a CreateLogGroup call, through EventBridge. */
interface CreateLogGroupEvent {
  source: 'aws.logs';
  detail: { eventName: 'CreateLogGroup'; requestParameters?: { logGroupName?: string } };
}

type SubscriberEvent = CustomResourceEvent | CreateLogGroupEvent | { source: 'aws.events' };

function prefixSubscriptionOf(properties: Record<string, unknown> | undefined): PrefixSubscription {
  const { FilterName, LogGroupNamePrefix, FilterPattern } = properties ?? {};
  if (typeof FilterName !== 'string' || typeof LogGroupNamePrefix !== 'string' || typeof FilterPattern !== 'string') {
    throw new Error('the custom resource needs FilterName, LogGroupNamePrefix and FilterPattern');
  }
  return { filterName: FilterName, logGroupNamePrefix: LogGroupNamePrefix, filterPattern: FilterPattern };
}

/** Answers CloudFormation: a PUT of the result to the pre-signed URL it gave. */
export type Respond = (url: string, body: string) => Promise<void>;

const putResponse: Respond = async (url, body) => {
  const response = await fetch(url, { method: 'PUT', body, headers: { 'content-type': '' } });
  if (!response.ok) throw new Error(`CloudFormation's response URL answered ${response.status}`);
};

/**
 * A custom resource request: subscribe (Create), move to the new prefix or pattern (Update),
 * remove our filters (Delete). CloudFormation always gets an answer, a failure with its reason
 * included: without one it would wait an hour.
 */
export async function onCustomResource(event: CustomResourceEvent, subscriber: Subscriber, respond: Respond = putResponse): Promise<void> {
  let status: 'SUCCESS' | 'FAILED' = 'SUCCESS';
  let reason = '';
  const physicalResourceId = event.PhysicalResourceId ?? `${event.LogicalResourceId}-${String(event.ResourceProperties['FilterName'] ?? '')}`.slice(0, 1024);
  try {
    const wanted = prefixSubscriptionOf(event.ResourceProperties);
    if (event.RequestType === 'Delete') {
      await subscriber.unsubscribeAll(wanted);
    } else {
      if (event.RequestType === 'Update') {
        const before = prefixSubscriptionOf(event.OldResourceProperties);
        // Groups the old prefix covered and the new one does not, or all of them for a renamed filter: take ours off them.
        if (before.logGroupNamePrefix !== wanted.logGroupNamePrefix || before.filterName !== wanted.filterName) {
          const stillCovered = (logGroupName: string) => before.filterName === wanted.filterName && logGroupName.startsWith(wanted.logGroupNamePrefix);
          await subscriber.unsubscribeAll(before, stillCovered);
        }
      }
      const report = await subscriber.subscribeAll(wanted);
      reason = `${report.subscribed.length} log groups subscribed, ${report.unchanged} already, ${report.skippedAtLimit.length} at the filter limit`;
    }
  } catch (error) {
    status = 'FAILED';
    reason = `${(error as Error).name}: ${(error as Error).message}`;
  }
  await respond(
    event.ResponseURL,
    JSON.stringify({
      Status: status,
      Reason: reason.slice(0, 3000) || status,
      PhysicalResourceId: physicalResourceId,
      StackId: event.StackId,
      RequestId: event.RequestId,
      LogicalResourceId: event.LogicalResourceId,
    }),
  );
}

/**
 * Routes an invocation: a custom resource request, a new log group, or the hourly reconcile. The
 * last two run only while the stack lives (`stackAlive`, checked first and before each filter
 * put: CloudFormation deletes their rules before the custom resources, but a run may have
 * started already); they then stop, logged, without failing (a failure would be retried).
 */
export async function route(
  event: SubscriberEvent,
  subscriber: Subscriber,
  config: SubscriberConfig,
  respond?: Respond,
  stackAlive: () => Promise<void> = async () => undefined,
  log: Log = writeJsonLine,
): Promise<Report[]> {
  if ('RequestType' in event) {
    await onCustomResource(event, subscriber, respond);
    return [];
  }
  try {
    await stackAlive();
    if (event.source === 'aws.logs') {
      const logGroupName = event.detail.requestParameters?.logGroupName;
      return logGroupName ? await subscriber.subscribeNew(logGroupName) : [];
    }
    const reports: Report[] = [];
    for (const subscription of config.subscriptions) reports.push(await subscriber.subscribeAll(subscription));
    return reports;
  } catch (error) {
    if (!(error instanceof StackGoneError)) throw error;
    log({ level: 'INFO', message: `stopped: ${error.message}` });
    return [];
  }
}

let logs: CloudWatchLogsClient | undefined;
let cloudFormation: CloudFormationClient | undefined;

export async function handler(event: SubscriberEvent, context: Context): Promise<void> {
  const config = configFrom(process.env, readFileSync(new URL('./subscriber-config.json', import.meta.url), 'utf8'));
  // Throttling is retried here, with backoff: the client's own retries would multiply the waits.
  logs ??= new CloudWatchLogsClient({ maxAttempts: 1 });
  cloudFormation ??= new CloudFormationClient({});
  const stackAlive = () => checkStackAlive(cloudFormation!, config.stackId);
  // CloudFormation's own requests need no check (it knows what it is doing): the others, before each filter.
  const subscriber = new Subscriber(logs, config, { remainingMs: () => context.getRemainingTimeInMillis(), ...(!('RequestType' in event) && { beforePut: stackAlive }) });
  await route(event, subscriber, config, undefined, stackAlive);
}
