import { ArnFormat, Stack } from 'aws-cdk-lib';
import { CfnPermission, type IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';

/** What CloudWatch Logs may invoke the function for: log groups by name, by name prefix, or all of them. */
export type LogGroupScope = { readonly logGroupName: string } | { readonly logGroupNamePrefix: string } | 'account';

/**
 * The log-group part of the narrowest SourceArn that covers every scope: one log group's
 * `log-group:<name>:*`; else the longest name prefix they share, `log-group:<prefix>*`; else
 * `log-group:*`, every log group of the account.
 */
export function logGroupArnPattern(scopes: readonly LogGroupScope[]): string {
  const starts: string[] = [];
  for (const scope of scopes) {
    if (scope === 'account') return '*';
    starts.push('logGroupName' in scope ? scope.logGroupName : scope.logGroupNamePrefix);
  }
  const oneGroup = scopes.every((scope) => typeof scope === 'object' && 'logGroupName' in scope) && new Set(starts).size === 1;
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
 * deliveries qualify (SourceAccount), from the log groups `scopes` covers (SourceArn).
 */
export function allowCloudWatchLogs(scope: Construct, id: string, fn: IFunction, scopes: readonly LogGroupScope[]): CfnPermission {
  const stack = Stack.of(scope);
  return new CfnPermission(scope, id, {
    action: 'lambda:InvokeFunction',
    functionName: fn.functionArn,
    principal: 'logs.amazonaws.com',
    sourceAccount: stack.account,
    sourceArn: stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: logGroupArnPattern(scopes), arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
  });
}
