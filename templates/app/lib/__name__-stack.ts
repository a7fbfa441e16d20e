import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { FilterPattern, LogGroup, RetentionDays, SubscriptionFilter, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import { LambdaDestination } from 'aws-cdk-lib/aws-logs-destinations';
import type { Construct } from 'constructs';
import { maxFiltersPerLogGroup } from './settings.js';
import { subscriptions, type Subscription } from './subscriptions.js';

export interface <%- stackName %>Props extends StackProps {
  /** The subscription filters to create (default: the list in lib/subscriptions.ts). */
  readonly subscriptions?: readonly Subscription[];
}

/** The echo function and one CloudWatch Logs subscription filter per entry of lib/subscriptions.ts. */
export class <%- stackName %> extends Stack {
  readonly echoFunction: NodejsFunction;

  constructor(scope: Construct, id: string, props: <%- stackName %>Props = {}) {
    super(scope, id, props);
    const wanted = props.subscriptions ?? subscriptions;

    // The function's own log group has a fixed name so that the check below can refuse to
    // subscribe the function to it: every invocation would log, and invoke it again, forever.
    const echoLogGroupName = `/aws/lambda/${this.stackName}-echo`;
    checkSubscriptions(wanted, echoLogGroupName);
    const echoLogGroup = new LogGroup(this, 'EchoLogGroup', {
      logGroupName: echoLogGroupName,
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Only what the function needs: write to its own log group (no AWSLambdaBasicExecutionRole,
    // which may create and write to any log group in the account).
    const role = new Role(this, 'EchoRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    echoLogGroup.grantWrite(role);

    this.echoFunction = new NodejsFunction(this, 'Echo', {
      entry: fileURLToPath(new URL('../src/handler.ts', import.meta.url)),
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 256,
      // CloudWatch Logs sends up to 1 MB of compressed events per invocation.
      timeout: Duration.seconds(30),
      role,
      logGroup: echoLogGroup,
      loggingFormat: LoggingFormat.JSON,
      environment: { LOG_LEVEL: 'INFO' },
      bundling: { format: OutputFormat.ESM, target: 'node24', minify: true, sourceMap: false },
    });

    const logGroups = new Map<string, ILogGroup>();
    const filterIds = constructIds(wanted.map((s) => s.name));
    const logGroupIds = constructIds(wanted.map((s) => s.logGroupName));
    for (const [index, subscription] of wanted.entries()) {
      const { name, logGroupName, filterPattern } = subscription;
      const logGroup = logGroups.get(logGroupName) ?? this.logGroupFor(subscription, `LogGroup ${logGroupIds[index]}`);
      logGroups.set(logGroupName, logGroup);
      // The construct id and FilterName depend on the name alone, so adding a subscription never
      // replaces an existing filter (a replacement would hit the per-group quota mid-deploy).
      new SubscriptionFilter(this, `Subscription ${filterIds[index]}`, {
        logGroup,
        filterName: name,
        filterPattern: FilterPattern.literal(filterPattern),
        destination: new LambdaDestination(this.echoFunction),
      });
    }
  }

  private logGroupFor({ logGroupName, createLogGroup }: Subscription, id: string): ILogGroup {
    if (!createLogGroup) return LogGroup.fromLogGroupName(this, id, logGroupName);
    return new LogGroup(this, id, { logGroupName, retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.RETAIN });
  }
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
export function checkSubscriptions(wanted: readonly Subscription[], echoLogGroupName: string): void {
  const names = new Set<string>();
  const perGroup = new Map<string, Subscription[]>();
  for (const subscription of wanted) {
    const { name, logGroupName } = subscription;
    if (names.has(name)) throw new Error(`Subscription filter name "${name}" is used twice in lib/subscriptions.ts; names must be unique.`);
    names.add(name);
    if (logGroupName === echoLogGroupName) {
      throw new Error(
        `Subscription "${name}" subscribes the echo function to its own log group ${logGroupName}: every invocation would invoke it again, forever. Choose another log group.`,
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
