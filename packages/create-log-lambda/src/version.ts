/** create-log-lambda's version, from its package.json, set by the build (build.mjs): the bundle reads no file. */
declare const CREATE_LOG_LAMBDA_VERSION: string;

export function version(): string {
  return CREATE_LOG_LAMBDA_VERSION;
}
