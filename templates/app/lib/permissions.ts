import { ArnFormat, Stack } from 'aws-cdk-lib';
import { CfnPermission, type IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { isAccount, isNamed, isPrefix, type AnySubscription } from './subscription-kinds.js';

/**
 * The log-group part of the narrowest SourceArn that covers every subscription: one log group's
 * `log-group:<name>:*`; else the longest name prefix they share (log group names and prefixes),
 * `log-group:<prefix>*`; else `log-group:*`, every log group of the account (as the account
 * policy needs).
 */
export function logGroupArnPattern(subscriptions: readonly AnySubscription[]): string {
  if (subscriptions.length === 0 || subscriptions.some(isAccount)) return '*';
  const starts = subscriptions.map((s) => (isNamed(s) ? s.logGroupName : isPrefix(s) ? s.logGroupNamePrefix : ''));
  const oneGroup = subscriptions.every(isNamed) && new Set(starts).size === 1;
  return oneGroup ? `${starts[0]}:*` : `${commonPrefix(starts)}*`;
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

/**
 * The one permission that lets CloudWatch Logs invoke the function, for every subscription of
 * the stack. aws-cdk-lib's LambdaDestination adds one per subscription filter instead, and the
 * function's resource policy (20 KB) overflows at about 50 of them. Only this account's
 * deliveries qualify (SourceAccount), from the log groups the subscriptions cover (SourceArn).
 */
export function allowCloudWatchLogs(scope: Construct, id: string, fn: IFunction, subscriptions: readonly AnySubscription[]): CfnPermission {
  const stack = Stack.of(scope);
  return new CfnPermission(scope, id, {
    action: 'lambda:InvokeFunction',
    functionName: fn.functionArn,
    principal: 'logs.amazonaws.com',
    sourceAccount: stack.account,
    sourceArn: stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: logGroupArnPattern(subscriptions), arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
  });
}
