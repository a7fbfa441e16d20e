import { fileURLToPath } from 'node:url';
import { ArnFormat, CfnOutput, CfnResource, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { ApplicationLogLevel, Architecture, CfnPermission, LoggingFormat, Runtime, SystemLogLevel, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
<% if (has('account')) { -%>
import { subscribeAccount } from './log-lambda/account-policy.js';
<% } -%>
import { EchoAlarms } from './log-lambda/alarms.js';
import { bundledCode } from './log-lambda/bundled-code.js';
<% if (has('named')) { -%>
import { subscribeByName } from './log-lambda/named-subscriptions.js';
<% } -%>
<% if (has('prefix')) { -%>
import { subscribeByPrefix } from './log-lambda/prefix-subscriber.js';
<% } -%>
import { checkSubscriptions, ConfigurationError, constructIds, <%- ['isAccount', 'isNamed', 'isPrefix'].filter((guard, i) => has(['account', 'named', 'prefix'][i])).map((guard) => `${guard}, `).join('') %>ownLogGroups, type Subscription } from './log-lambda/rules.js';
import { subscriptions } from './subscriptions.js';

export interface <%- stackName %>Props extends StackProps {
  /** The subscriptions (default: the list in lib/subscriptions.ts). */
  readonly subscriptions?: readonly Subscription[];
  /** Alarms and their recovery are emailed here (default: context `alarmEmail`; none: no notifications). */
  readonly alarmEmail?: string;
  /** What the function's console output lets through (default: context `applicationLogLevel`, or INFO). */
  readonly applicationLogLevel?: ApplicationLogLevel;
  /** What Lambda logs itself: START, END and REPORT lines are INFO (default: context `systemLogLevel`, or INFO). */
  readonly systemLogLevel?: SystemLogLevel;
  /** The most bytes a batch may decompress to; more is refused as malformed (default: context `maxPayloadBytes`, or 8 MiB). */
  readonly maxPayloadBytes?: number;
<% if (has('named', 'prefix')) { -%>
  /** AWS's quota of subscription filters per log group (default: context `maxFiltersPerLogGroup`, or 2, the API reference's). */
  readonly maxFiltersPerLogGroup?: number;
<% } -%>
<% if (has('prefix', 'account')) { -%>
  /** Log groups the prefix subscriber and the account policy leave alone, besides the stack's own (default: context `excludedLogGroups`, or none). */
  readonly excludedLogGroups?: readonly string[];
<% } -%>
}

/** The stack's props, by a short name: the stack's own name may be up to 128 characters long. */
type Props = <%- stackName %>Props;

/** The function's memory, in MB; decoding a payload takes about seven times its size. */
const MEMORY_MB = 256;
const DEFAULT_MAX_PAYLOAD_BYTES = 8 * 1024 * 1024;

/**
 * The echo function, the failure queue that keeps every batch it could not process, its alarms,
 * and the subscriptions of lib/subscriptions.ts, each kind through its feature in lib/log-lambda/.
 */
export class <%- stackName %> extends Stack {
  readonly echoFunction: NodejsFunction;
  readonly failureQueue: Queue;
  readonly alarms: EchoAlarms;

  constructor(scope: Construct, id: string, props: Props = {}) {
    super(scope, id, props);
    const wanted = props.subscriptions ?? subscriptions;
    const settings = resolveSettings(this, props);
    // An entry of a kind this project has no part for (added by hand) stops the synth, saying how to bring it in.
    checkSubscriptions(wanted);

    // The function's own log group has a fixed name under log-lambda's marker (lib/log-lambda/rules.ts),
    // so that no log-lambda stack ever subscribes it: every invocation would log, and invoke a
    // function again, forever.
    const own = ownLogGroups(this.stackName);
    const echoLogGroup = new LogGroup(this, 'EchoLogGroup', {
      logGroupName: own.echo,
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
      code: bundledCode(fileURLToPath(new URL('../src/log-lambda/handler.ts', import.meta.url))),
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
    this.alarms = new EchoAlarms(this, 'Alarms', { echoFunction: this.echoFunction, failureQueue: this.failureQueue, ...(topic && { topic }) });

    // One invoke permission for every subscription (LambdaDestination would add one each): see allowCloudWatchLogs.
    const permission = allowCloudWatchLogs(this, 'CloudWatchLogsInvoke', this.echoFunction, wanted);
    const ids = constructIds(wanted.map((s) => s.name));
    const feature = { scope: this, wanted, ids, destination: this.echoFunction, permission, alarms: this.alarms };
<% if (has('named')) { -%>
    // A filter per log group: its construct id and FilterName depend on the name alone, so adding a subscription never
    // replaces an existing filter (a replacement would hit the per-group quota mid-deploy).
    subscribeByName({ ...feature, maxFiltersPerLogGroup: settings.maxFiltersPerLogGroup });
<% } -%>
<% if (has('prefix')) { -%>
    subscribeByPrefix({ ...feature, own, excludedLogGroups: settings.excludedLogGroups, maxFiltersPerLogGroup: settings.maxFiltersPerLogGroup, ...(topic && { topic }) });
<% } -%>
<% if (has('account')) { -%>
    subscribeAccount({ ...feature, excludedLogGroups: [own.echo, ...settings.excludedLogGroups] });
<% } -%>

    // What npm run redrive needs (cdk deploy writes them to cdk-outputs.json).
    new CfnOutput(this, 'FailureQueueUrl', { value: this.failureQueue.queueUrl });
    new CfnOutput(this, 'EchoFunctionName', { value: this.echoFunction.functionName });
    checkStackSize(this, wanted.length);
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

type Settings = Required<Omit<Props, keyof StackProps | 'subscriptions' | 'alarmEmail'>> & { alarmEmail: string | undefined };

/**
 * The stack's settings: each prop, else the context value of the same name (cdk.json, or
 * `cdk deploy -c name=value`), else its default; a bad value stops the synth with what to fix.
 */
export function resolveSettings(stack: Stack, props: Props): Settings {
  const given = (name: keyof Settings): unknown => props[name] ?? stack.node.tryGetContext(name);
  const fail = (name: keyof Settings, expected: string): never => {
    throw new ConfigurationError(`${name} ${JSON.stringify(given(name))} is not ${expected}: fix the ${name} prop, or the context value in cdk.json or -c ${name}=...`);
  };
  const oneOf = <T extends string>(name: keyof Settings, allowed: Record<string, T>, fallback: T): T => {
    const value = given(name);
    if (value === undefined) return fallback;
    return Object.values(allowed).find((level) => level === String(value).toUpperCase()) ?? fail(name, `one of ${Object.values(allowed).join(', ')}`);
  };

  const alarmEmail = given('alarmEmail');
  if (alarmEmail !== undefined && (typeof alarmEmail !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(alarmEmail))) fail('alarmEmail', 'an email address');
  const maxPayloadBytes = Number(given('maxPayloadBytes') ?? DEFAULT_MAX_PAYLOAD_BYTES);
  const ceiling = (MEMORY_MB * 1024 * 1024) / 8;
  if (!Number.isSafeInteger(maxPayloadBytes) || maxPayloadBytes < 1024 * 1024 || maxPayloadBytes > ceiling) {
    fail('maxPayloadBytes', `a whole number of bytes from 1048576 (CloudWatch Logs' batches) to ${ceiling} (an eighth of the function's memory)`);
  }
<% if (has('named', 'prefix')) { -%>
  const maxFiltersPerLogGroup = Number(given('maxFiltersPerLogGroup') ?? 2);
  if (!Number.isSafeInteger(maxFiltersPerLogGroup) || maxFiltersPerLogGroup < 1) fail('maxFiltersPerLogGroup', 'a whole number above 0');
<% } -%>
<% if (has('prefix', 'account')) { -%>
  const excludedLogGroups = given('excludedLogGroups') ?? [];
  if (!Array.isArray(excludedLogGroups) || excludedLogGroups.some((name) => typeof name !== 'string')) fail('excludedLogGroups', 'a list of log group names');
<% } -%>
  return {
    alarmEmail: alarmEmail as string | undefined,
    applicationLogLevel: oneOf('applicationLogLevel', ApplicationLogLevel, ApplicationLogLevel.INFO),
    systemLogLevel: oneOf('systemLogLevel', SystemLogLevel, SystemLogLevel.INFO),
    maxPayloadBytes,
<% if (has('named', 'prefix')) { -%>
    maxFiltersPerLogGroup,
<% } -%>
<% if (has('prefix', 'account')) { -%>
    excludedLogGroups: excludedLogGroups as string[],
<% } -%>
  };
}

/**
<% if (has('account')) { -%>
 * The log-group part of the SourceArn that covers the account policy: `log-group:*`, every log
 * group of the account.
 */
export function logGroupArnPattern(_subscriptions: readonly Subscription[]): string {
  return '*';
}
<% } else { -%>
 * The log-group part of the narrowest SourceArn that covers every subscription: one log group's
 * `log-group:<name>:*`; else the longest name prefix they share (log group names<% if (has('prefix')) { %> and prefixes<% } %>),
 * `log-group:<prefix>*`; else `log-group:*`, every log group of the account.
 */
export function logGroupArnPattern(subscriptions: readonly Subscription[]): string {
  if (subscriptions.length === 0) return '*';
<% if (!has('named')) { -%>
  return `${commonPrefix(subscriptions.map((s) => s.logGroupNamePrefix))}*`;
<% } else { -%>
<% if (has('prefix')) { -%>
  const starts = subscriptions.map((s) => (isNamed(s) ? s.logGroupName : s.logGroupNamePrefix));
  const oneGroup = subscriptions.every(isNamed) && new Set(starts).size === 1;
<% } else { -%>
  const starts = subscriptions.map((s) => s.logGroupName);
  const oneGroup = new Set(starts).size === 1;
<% } -%>
  return oneGroup ? `${starts[0]}:*` : `${commonPrefix(starts)}*`;
<% } -%>
}

function commonPrefix(values: readonly string[]): string {
  let prefix = values[0] ?? '';
  for (const value of values.slice(1)) {
    let length = 0;
    while (length < prefix.length && prefix[length] === value[length]) length++;
    prefix = prefix.slice(0, length);
  }
  return prefix;
}
<% } -%>

/**
 * The one permission that lets CloudWatch Logs invoke the function, for every subscription of
 * the stack. aws-cdk-lib's LambdaDestination adds one per subscription filter instead, and the
 * function's resource policy (20 KB) overflows at about 50 of them. Only this account's
 * deliveries qualify (SourceAccount), from the log groups the subscriptions cover (SourceArn).
 */
export function allowCloudWatchLogs(scope: Construct, id: string, fn: IFunction, subscriptions: readonly Subscription[]): CfnPermission {
  const stack = Stack.of(scope);
  return new CfnPermission(scope, id, {
    action: 'lambda:InvokeFunction',
    functionName: fn.functionArn,
    principal: 'logs.amazonaws.com',
    sourceAccount: stack.account,
    sourceArn: stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: logGroupArnPattern(subscriptions), arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
  });
}

/** CloudFormation's quota of resources in one stack. */
export const MAX_STACK_RESOURCES = 500;

/**
 * The resources the stack's template will hold: those declared so far, and the CDKMetadata
 * resource aws-cdk-lib adds at synth when version reporting is on (the CLI's default; the
 * `aws:cdk:version-reporting` context, or the stack's analyticsReporting prop).
 */
export function templateResourceCount(stack: Stack): number {
  const declared = stack.node.findAll().filter((construct) => CfnResource.isCfnResource(construct) && construct.stack === stack).length;
  const metadata = stack._versionReportingEnabled && !stack.node.tryFindChild('CDKMetadata') ? 1 : 0;
  return declared + metadata;
}

/** Refuses, at synth, a stack CloudFormation would refuse at deploy: more than 500 resources. */
export function checkStackSize(stack: Stack, subscriptionCount: number): void {
  const resources = templateResourceCount(stack);
  if (resources <= MAX_STACK_RESOURCES) return;
  throw new ConfigurationError(
    `${stack.stackName}: ${subscriptionCount} subscriptions in lib/subscriptions.ts take ${resources} CloudFormation resources; one stack holds at most ${MAX_STACK_RESOURCES}. ` +
      'Subscribe the log groups by name prefix (one subscriber, any number of groups: yo log-lambda:filter --log-group-prefix <prefix>) instead, or the whole account from a project of its own (npm create log-lambda@latest -- --account-policy).',
  );
}
