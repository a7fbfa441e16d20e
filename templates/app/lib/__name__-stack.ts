import { fileURLToPath } from 'node:url';
import { ArnFormat, CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime, SystemLogLevel } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { FilterPattern, LogGroup, RetentionDays, SubscriptionFilter, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import { LambdaDestination } from 'aws-cdk-lib/aws-logs-destinations';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct, IConstruct } from 'constructs';
import { EchoAlarms } from './alarms.js';
import { accountSubscriptionPolicy } from './account-policy.js';
import { isLogLambdaLogGroup, OWN_LOG_GROUP_MARKER, ownLogGroups } from './own-log-groups.js';
import { bundledCode } from './bundled-code.js';
import { allowCloudWatchLogs } from './permissions.js';
import { checkStackSize, throttleCreation } from './scale.js';
import { excludedLogGroups, maxFiltersPerLogGroup } from './settings.js';
import { PrefixSubscriber } from './prefix-subscriber.js';
import { isAccount, isNamed, isPrefix, type AnySubscription, type NamedSubscription } from './subscription-kinds.js';
import { subscriptions } from './subscriptions.js';

export interface <%- stackName %>Props extends StackProps {
  /** The subscription filters to create (default: the list in lib/subscriptions.ts). */
  readonly subscriptions?: readonly AnySubscription[];
  /** Alarms and their recovery are emailed here (default: context `alarmEmail`; none: no notifications). */
  readonly alarmEmail?: string;
  /** What the handler's console output lets through (default: context `applicationLogLevel`, or INFO). */
  readonly applicationLogLevel?: ApplicationLogLevel;
  /** What Lambda logs itself: START, END and REPORT lines are INFO (default: context `systemLogLevel`, or INFO). */
  readonly systemLogLevel?: SystemLogLevel;
  /** The most bytes a batch may decompress to; more is refused as malformed (default: context `maxPayloadBytes`, or 8 MiB). */
  readonly maxPayloadBytes?: number;
}

/** The function's memory, in MB; decoding a payload takes about seven times its size. */
const MEMORY_MB = 256;
const DEFAULT_MAX_PAYLOAD_BYTES = 8 * 1024 * 1024;

/**
 * The echo function, one CloudWatch Logs subscription filter per entry of lib/subscriptions.ts,
 * the failure queue that keeps every batch the function could not process, and alarms.
 */
export class <%- stackName %> extends Stack {
  readonly echoFunction: NodejsFunction;
  readonly failureQueue: Queue;
  readonly alarms: EchoAlarms;

  constructor(scope: Construct, id: string, props: <%- stackName %>Props = {}) {
    super(scope, id, props);
    const wanted = props.subscriptions ?? subscriptions;
    const settings = resolveSettings(this, props);

    // The function's own log group has a fixed name under log-lambda's marker (lib/own-log-groups.ts),
    // so that no log-lambda stack ever subscribes it: every invocation would log, and invoke a
    // function again, forever.
    const own = ownLogGroups(this.stackName);
    const echoLogGroupName = own.echo;
    checkSubscriptions(wanted);
    const echoLogGroup = new LogGroup(this, 'EchoLogGroup', {
      logGroupName: echoLogGroupName,
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Failed batches hold log events: encrypted with a key of this stack (rotated yearly), so
    // reading them takes kms:Decrypt on it too, and kept for 14 days, SQS's longest. Both outlive
    // the stack (cdk destroy, or a change that replaces them, would delete batches that never
    // reached the function): README's "Remove the stack" says how to delete them afterwards.
    const key = new Key(this, 'FailureKey', {
      description: `Encrypts ${this.stackName}'s failed batches and alarm notifications`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.failureQueue = new Queue(this, 'FailureQueue', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.failureQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the dead-letter destination itself: the on-failure destination of the echo function. npm run redrive empties it.',
    });

    // Only what the function needs: write to its own log group (no AWSLambdaBasicExecutionRole,
    // which may create and write to any log group in the account), and send to the failure queue
    // (granted by the destination below).
    const role = new Role(this, 'EchoRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    echoLogGroup.grantWrite(role);

    this.echoFunction = new NodejsFunction(this, 'Echo', {
      code: bundledCode(fileURLToPath(new URL('../src/handler.ts', import.meta.url))),
      handler: 'index.handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: MEMORY_MB,
      // CloudWatch Logs sends up to 1 MB of compressed events per invocation.
      timeout: Duration.seconds(30),
      role,
      logGroup: echoLogGroup,
      // Lambda's own JSON logs and levels: console.debug is dropped at INFO, and so on.
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: settings.applicationLogLevel,
      systemLogLevelV2: settings.systemLogLevel,
      environment: {
        // Stack traces point into src/*.ts, through the source map bundled beside the code.
        NODE_OPTIONS: '--enable-source-maps',
        FAILURE_QUEUE_URL: this.failureQueue.queueUrl,
        MAX_PAYLOAD_BYTES: String(settings.maxPayloadBytes),
      },
      // CloudWatch Logs invokes the function asynchronously. A batch that throws is tried twice
      // more (1 and 2 minutes later: a passing outage may be over), then goes to the failure
      // queue, as does one that waited in Lambda's queue (throttled) for more than 6 hours. A
      // MalformedEventError skips the retries: the handler sends that batch to the queue itself.
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.failureQueue),
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      reason: "aws-cdk-lib's grant to send to an encrypted queue (GenerateDataKey and GenerateDataKeyWithoutPlaintext), on this stack's key only.",
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
      reason: "aws-cdk-lib's grant to send to an encrypted queue (ReEncryptFrom and ReEncryptTo), on this stack's key only.",
    });

    const topic = settings.alarmEmail === undefined ? undefined : this.alarmTopic(key, settings.alarmEmail);

    // One invoke permission for every subscription (LambdaDestination would add one each): see lib/permissions.ts.
    const permission = allowCloudWatchLogs(this, 'CloudWatchLogsInvoke', this.echoFunction, wanted);
    const ids = constructIds(wanted.map((s) => s.name));
    this.subscribeByName(wanted, ids, permission);
    const prefixed = wanted.flatMap((s, index) => (isPrefix(s) ? [{ subscription: s, id: ids[index]! }] : []));
    if (prefixed.length > 0) {
      new PrefixSubscriber(this, 'PrefixSubscriber', {
        subscriptions: prefixed.map((p) => p.subscription),
        ids: prefixed.map((p) => p.id),
        destination: this.echoFunction,
        permission,
        logGroupName: own.subscriber,
        excludedLogGroups: [own.echo, own.subscriber, ...excludedLogGroups],
        maxFiltersPerLogGroup,
        ...(topic && { topic }),
      });
    }
    const account = wanted.find(isAccount);
    if (account) {
      const policy = accountSubscriptionPolicy(this, 'AccountPolicy', {
        subscription: account,
        destination: this.echoFunction,
        excludedLogGroups: [own.echo, ...excludedLogGroups],
      });
      policy.node.addDependency(permission);
    }

    this.alarms = new EchoAlarms(this, 'Alarms', { echoFunction: this.echoFunction, failureQueue: this.failureQueue, subscriptions: wanted, ids, topic });

    // What npm run redrive needs (cdk deploy writes them to cdk-outputs.json).
    new CfnOutput(this, 'FailureQueueUrl', { value: this.failureQueue.queueUrl });
    new CfnOutput(this, 'EchoFunctionName', { value: this.echoFunction.functionName });
    checkStackSize(this, wanted.length);
  }

  /**
   * A subscription filter for each subscription to a named log group, created at most 5 at a time
   * (lib/scale.ts), each after the permission that lets CloudWatch Logs invoke the function.
   */
  private subscribeByName(wanted: readonly AnySubscription[], filterIds: readonly string[], permission: IConstruct): void {
    const destination = new LambdaDestination(this.echoFunction, { addPermissions: false });
    const logGroups = new Map<string, ILogGroup>();
    const logGroupIds = constructIds(wanted.map((s) => (isNamed(s) ? s.logGroupName : '')));
    const filters = wanted.flatMap((subscription, index) => {
      if (!isNamed(subscription)) return [];
      const { name, logGroupName, filterPattern } = subscription;
      const logGroup = logGroups.get(logGroupName) ?? this.logGroupFor(subscription, `LogGroup ${logGroupIds[index]}`);
      logGroups.set(logGroupName, logGroup);
      // The construct id and FilterName depend on the name alone, so adding a subscription never
      // replaces an existing filter (a replacement would hit the per-group quota mid-deploy).
      const filter = new SubscriptionFilter(this, `Subscription ${filterIds[index]}`, {
        logGroup,
        filterName: name,
        filterPattern: FilterPattern.literal(filterPattern),
        destination,
      });
      filter.node.addDependency(permission);
      return [filter];
    });
    throttleCreation(filters);
  }

  private logGroupFor({ logGroupName, createLogGroup }: NamedSubscription, id: string): ILogGroup {
    if (!createLogGroup) return LogGroup.fromLogGroupName(this, id, logGroupName);
    return new LogGroup(this, id, { logGroupName, retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.RETAIN });
  }

  /**
   * An encrypted, TLS-only topic that emails `address` (who must confirm the subscription once),
   * and that this account's alarms may publish to.
   */
  private alarmTopic(key: Key, address: string): Topic {
    const topic = new Topic(this, 'AlarmTopic', { masterKey: key, enforceSSL: true });
    topic.addSubscription(new EmailSubscription(address));
    // enforceSSL gives the topic a policy of its own, which replaces SNS's default one: without
    // this statement no alarm may publish ("no resource-based policy allows the SNS:Publish
    // action" in the alarm's history). AWS's example lets cloudwatch.amazonaws.com publish,
    // scoped by aws:SourceAccount and aws:SourceArn to the account's alarms:
    // https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Notify_Users_Alarm_Changes.html
    topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowThisAccountsAlarms',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: { 'aws:SourceArn': this.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
        },
      }),
    );
    // CloudWatch alarms publish to an encrypted topic only if they may use its key.
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    new CfnOutput(this, 'AlarmTopicArn', { value: topic.topicArn });
    return topic;
  }
}

interface Settings {
  alarmEmail: string | undefined;
  applicationLogLevel: ApplicationLogLevel;
  systemLogLevel: SystemLogLevel;
  maxPayloadBytes: number;
}

/**
 * The stack's settings: each prop, else the context value of the same name (cdk.json, or
 * `cdk deploy -c name=value`), else its default; a bad value stops the synth with what to fix.
 */
export function resolveSettings(stack: Stack, props: <%- stackName %>Props): Settings {
  const context = (name: keyof Settings): unknown => stack.node.tryGetContext(name);
  const fail = (name: keyof Settings, value: unknown, expected: string) => {
    throw new Error(`${name} ${JSON.stringify(value)} is not ${expected}: fix the ${name} prop, or the context value in cdk.json or -c ${name}=...`);
  };
  const oneOf = <T extends string>(name: keyof Settings, value: unknown, allowed: Record<string, T>, fallback: T): T => {
    if (value === undefined) return fallback;
    const found = Object.values(allowed).find((level) => level === String(value).toUpperCase());
    return found ?? fail(name, value, `one of ${Object.values(allowed).join(', ')}`);
  };

  const alarmEmail = props.alarmEmail ?? context('alarmEmail');
  if (alarmEmail !== undefined && (typeof alarmEmail !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(alarmEmail))) {
    fail('alarmEmail', alarmEmail, 'an email address');
  }
  const maxPayloadBytes = Number(props.maxPayloadBytes ?? context('maxPayloadBytes') ?? DEFAULT_MAX_PAYLOAD_BYTES);
  const ceiling = (MEMORY_MB * 1024 * 1024) / 8;
  if (!Number.isSafeInteger(maxPayloadBytes) || maxPayloadBytes < 1024 * 1024 || maxPayloadBytes > ceiling) {
    fail('maxPayloadBytes', props.maxPayloadBytes ?? context('maxPayloadBytes'), `a whole number of bytes from 1048576 (CloudWatch Logs' batches) to ${ceiling} (an eighth of the function's memory)`);
  }
  return {
    alarmEmail: alarmEmail as string | undefined,
    applicationLogLevel: oneOf('applicationLogLevel', props.applicationLogLevel ?? context('applicationLogLevel'), ApplicationLogLevel, ApplicationLogLevel.INFO),
    systemLogLevel: oneOf('systemLogLevel', props.systemLogLevel ?? context('systemLogLevel'), SystemLogLevel, SystemLogLevel.INFO),
    maxPayloadBytes,
  };
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

/** Refuses, at synth time, what CloudFormation would fail on only after minutes of deploying. */
export function checkSubscriptions(wanted: readonly AnySubscription[]): void {
  const names = new Set<string>();
  const perGroup = new Map<string, NamedSubscription[]>();
  for (const subscription of wanted) {
    const { name } = subscription;
    if (names.has(name)) throw new Error(`Subscription filter name "${name}" is used twice in lib/subscriptions.ts; names must be unique.`);
    names.add(name);
    if (isAccount(subscription) && wanted.length > 1) {
      throw new Error(`Subscription "${name}" is an account policy: it covers every log group, so other subscriptions would deliver the same events twice. Keep it alone in lib/subscriptions.ts, or remove it.`);
    }
    if (isPrefix(subscription) && isLogLambdaLogGroup(subscription.logGroupNamePrefix)) {
      throw new Error(
        `Subscription "${name}" subscribes log groups under ${subscription.logGroupNamePrefix}, where only log-lambda functions write (${OWN_LOG_GROUP_MARKER}...): the subscriber never subscribes them (a function would invoke itself with its own logs). Choose another prefix.`,
      );
    }
    if (!isNamed(subscription)) continue;
    const { logGroupName } = subscription;
    if (isLogLambdaLogGroup(logGroupName)) {
      throw new Error(
        `Subscription "${name}" subscribes the echo function to ${logGroupName}, a log-lambda function's own log group (${OWN_LOG_GROUP_MARKER}...): every invocation would invoke a function again, forever. Choose another log group.`,
      );
    }
    const group = [...(perGroup.get(logGroupName) ?? []), subscription];
    perGroup.set(logGroupName, group);
    if (group.length > maxFiltersPerLogGroup) {
      throw new Error(
        `Log group ${logGroupName} has ${group.length} subscription filters (${group.map((s) => s.name).join(', ')}); AWS allows ${maxFiltersPerLogGroup} per log group.`,
      );
    }
    if (group.some((s) => s.createLogGroup !== subscription.createLogGroup)) {
      throw new Error(`Subscriptions to ${logGroupName} disagree on createLogGroup; set it the same on all of them.`);
    }
  }
}
