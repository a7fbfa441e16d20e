/**
 * What log-lambda's tests use: CloudWatch Logs events (AWS's sample, and made ones), a Lambda
 * context and assertMatch, for the function's; the stack synthesized, and ways to read its
 * template, for the stack's.
 */
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CloudWatchLogsEvent, Context } from 'aws-lambda';
import { <%- stackName %> } from '../../lib/<%- projectName %>-stack.js';
import type { <%- stackName %>Props } from '../../lib/<%- projectName %>-stack.js';
import { cdkJsonContext, type Subscription } from '../../lib/log-lambda/rules.js';
import { lambdaContext as localContext } from '../../local/log-lambda/invoke.js';
import type { DecodedLogs } from '../../src/log-lambda/decode.js';

/**
 * AWS's sample CloudWatch Logs event for Lambda (the Lambda developer guide's): two events,
 * `[ERROR] First test message` and `[ERROR] Second test message`, in testLogGroup.
 */
export const awsSampleEvent: CloudWatchLogsEvent = {
  awslogs: {
    data: 'H4sIAAAAAAAAAHWPwQqCQBCGX0Xm7EFtK+smZBEUgXoLCdMhFtKV3akI8d0bLYmibvPPN3wz00CJxmQnTO41whwWQRIctmEcB6sQbFC3CjW3XW8kxpOpP+OC22d1Wml1qZkQGtoMsScxaczKN3plG8zlaHIta5KqWsozoTYw3/djzwhpLwivWFGHGpAFe7DL68JlBUk+l7KSN7tCOEJ4M3/qOI49vMHj+zCKdlFqLaU2ZHV2a4Ct/an0/ivdX8oYc1UVX860fQDQiMdxRQEAAA==',
  },
};

/** Encodes a payload the way CloudWatch Logs delivers it: base64(gzip(JSON)). */
export function encode(payload: unknown): CloudWatchLogsEvent {
  return { awslogs: { data: gzipSync(JSON.stringify(payload)).toString('base64') } };
}

/**
 * Gzip that decompresses to `bytes` zeros (a multiple of 16 MiB): 1 GB fits in about 1 MB, as
 * gzip members one after the other, which gunzip reads as one stream.
 */
export function gzipBomb(bytes: number): Buffer {
  const member = gzipSync(Buffer.alloc(16 * 1024 * 1024));
  return Buffer.concat(Array.from({ length: Math.ceil(bytes / (16 * 1024 * 1024)) }, () => member));
}

/** Encodes JSON text as it is: what JSON.stringify cannot write, such as a timestamp of 1e400. */
export function encodeJson(json: string): CloudWatchLogsEvent {
  return encodeBytes(gzipSync(json));
}

/** Wraps raw bytes (not necessarily valid) as `awslogs.data`. */
export function encodeBytes(bytes: Buffer): CloudWatchLogsEvent {
  return { awslogs: { data: bytes.toString('base64') } };
}

export function dataMessage(messages: string[], overrides: Partial<DecodedLogs> = {}): DecodedLogs {
  return {
    messageType: 'DATA_MESSAGE',
    owner: '123456789012',
    logGroup: '/aws/lambda/versions',
    logStream: '2026/01/01/[$LATEST]0123456789abcdef',
    subscriptionFilters: ['my-filter'],
    logEvents: messages.map((message, i) => ({ id: String(37000000000000000000000000000000000000000000000000000000n + BigInt(i)), timestamp: 1767225600000 + i, message })),
    ...overrides,
  };
}

/** What CloudWatch Logs sends to check that the destination is reachable. */
export function controlMessage(): DecodedLogs {
  return {
    messageType: 'CONTROL_MESSAGE',
    owner: 'CloudwatchLogs',
    logGroup: '',
    logStream: '',
    subscriptionFilters: [],
    logEvents: [{ id: '', timestamp: 1767225600000, message: 'CWL CONTROL MESSAGE: Checking health of destination Lambda function.' }],
  };
}

/** A Lambda context with a fixed request id. */
export function lambdaContext(): Context {
  return localContext('c6af9ac6-7b61-11e6-9a41-93e812345678');
}

/**
 * Asserts that `actual` matches the pattern `expected`: an object names only the properties
 * `actual` must have (it may have more), each matching; an array must have as many items, each
 * matching; a RegExp must match the string in its place; any other value must be equal.
 */
export function assertMatch(actual: unknown, expected: unknown, at = 'value'): void {
  const show = (value: unknown) => (value === undefined ? 'undefined' : JSON.stringify(value).slice(0, 500));
  if (expected instanceof RegExp) {
    if (typeof actual !== 'string' || !expected.test(actual)) assert.fail(`${at}: ${show(actual)} does not match ${expected}`);
  } else if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) assert.fail(`${at}: expected ${expected.length} items, got ${show(actual)}`);
    expected.forEach((item, index) => assertMatch(actual[index], item, `${at}[${index}]`));
  } else if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null) assert.fail(`${at}: expected an object, got ${show(actual)}`);
    for (const [key, value] of Object.entries(expected)) assertMatch((actual as Record<string, unknown>)[key], value, `${at}.${key}`);
  } else {
    assert.deepEqual(actual, expected, `${at}: ${show(actual)} is not ${show(expected)}`);
  }
}

export const STACK = '<%- stackName %>';
export const ECHO_LOG_GROUP = `<%- ownLogGroupMarker %>${STACK}/echo`;

// These tests look at the templates, not at CloudFormation's schemas: they skip aws-cdk-lib's
// built-in CloudFormation validation (over a second per run), as `npm run synth` does;
// `npm run validate` and `npm run deploy` run it.
process.env['CDK_VALIDATION'] = 'false';

/**
 * An app as `cdk synth` makes it, with cdk.json's context (the settings and feature flags) and
 * `context` over it, that skips bundling the functions unless `bundling`: most tests look at the
 * template, not the code. It synthesizes into a cdk.out folder in the system's temporary folder,
 * which aws-cdk-lib removes when the process exits.
 */
export function testApp(context: Record<string, unknown> = {}, { bundling = false } = {}): App {
  return new App({ context: { ...cdkJsonContext(), ...(bundling ? {} : { 'aws:cdk:bundling-stacks': [] }), ...context } });
}

type Props = Partial<<%- stackName %>Props>;

/** The stack of lib/subscriptions.ts, or of `wanted`, with `props`, in `app`, as `id`. */
export function stackOf(wanted?: readonly Subscription[], props: Props = {}, app = testApp(), id = STACK) {
  const options: Props = { ...(wanted && { subscriptions: wanted }), ...props };
  return new <%- stackName %>(app, id, options);
}

export function synth(wanted?: readonly Subscription[], props: Props = {}): Template {
  return Template.fromStack(stackOf(wanted, props));
}

/** An app that counts resources as the CLI does (CDKMetadata included), without cdk.json's alarm email, if any. */
export function countingApp(): App {
  return testApp({ 'aws:cdk:version-reporting': true, alarmEmail: undefined });
}

/** How many resources the template holds. */
export function resourceCount(template: Template): number {
  return Object.keys(template.toJSON()['Resources'] as object).length;
}

/** The permission's logical id. */
export function permissionId(template: Template): string {
  const [id] = Object.keys(template.findResources('AWS::Lambda::Permission', { Properties: { Principal: 'logs.amazonaws.com' } }));
  return id!;
}

/** Asserts that `actual` has what `expected` says (Match's rules), with a readable message. */
export function assertMatchObject(actual: unknown, expected: Record<string, unknown>): void {
  const result = Match.objectLike(expected).test(actual);
  assert.ok(!result.hasFailed(), `${result.toHumanStrings().join('\n')}\nin ${JSON.stringify(actual)}`);
}
<% if (has('prefix', 'account')) { -%>

/** The logical id of the one resource of `type` whose id starts with `prefix` (the construct's id; aws-cdk-lib adds a hash). */
export function logicalId(template: Template, type: string, prefix: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
  assert.equal(ids.length, 1, `one ${type} whose logical id starts with ${prefix}: ${ids.join(', ')}`);
  return ids[0]!;
}
<% } -%>
<% if (has('named')) { -%>

/** Whether the log-group part of a SourceArn pattern covers the log group `name` (ARN `log-group:<name>:*`). */
export function covers(pattern: string, name: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`);
  return regex.test(`${name}:*`);
}
<% } -%>
<% if (has('named', 'account')) { -%>

export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
<% } -%>
<% if (has('prefix', 'account')) { -%>

/** The string an `Fn::Join` of CloudFormation makes, with `token` standing in for each reference. */
export function joined(value: unknown, token: (reference: unknown) => string): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (!join) return token(value);
  const [separator, parts] = join;
  return parts.map((part) => (typeof part === 'string' ? part : token(part))).join(separator);
}

/** The alarms on a Metrics Insights query: the query, and how many periods of 3 must breach. */
export function insightsAlarms(template: Template): Array<{ query: string; datapointsToAlarm: number }> {
  return Object.values(template.findResources('AWS::CloudWatch::Alarm')).flatMap(({ Properties }) => {
    const { Metrics = [], DatapointsToAlarm } = Properties as { Metrics?: Array<{ Expression?: string; Period?: number }>; DatapointsToAlarm: number };
    const query = Metrics.find((m) => m.Expression?.startsWith('SELECT'));
    if (!query) return [];
    assert.equal(query.Period, 300);
    return [{ query: query.Expression!, datapointsToAlarm: DatapointsToAlarm }];
  });
}
<% } -%>
