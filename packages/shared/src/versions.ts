/**
 * Exact versions of everything a generated project installs, by the feature that needs them
 * (features.ts composes a project's package.json from its features'). Pinned so that a project generated
 * today installs the same tree tomorrow; bump them here (one place) and re-run the snapshots.
 * All of them run on Node ^20.17 || >=22.9, and install with npm, pnpm, yarn 1 and bun alike
 * (test/e2e/package-managers.e2e.test.ts).
 */
export const projectDependencies = {
  // 2.270.0 is the newest aws-cdk-lib whose whole dependency tree is on the npm registry. Each
  // later release (2.271.0, 2.273.0 to 2.276.0; there is no 2.272.0) depends on an exact
  // @aws/cloudformation-validate, 1.12.1 and then 1.14.0, that exists only bundled inside
  // aws-cdk-lib's own tarball: npm and pnpm use that copy, but yarn 1 and bun look the version up
  // on the registry and fail. 2.270.0 depends on 1.9.0-beta, which is on the registry with the
  // same files it bundles, so every package manager installs the same code. Before moving on,
  // check `npm view aws-cdk-lib@<version> dependencies` against
  // `npm view @aws/cloudformation-validate versions`.
  'aws-cdk-lib': '2.270.0',
  constructs: '10.8.1',
} as const;

/** The core's tools: types, the CDK CLI, cdk-nag, esbuild (bundling at synth), tsx and TypeScript. */
export const projectDevDependencies = {
  // The handler's failure path and npm run redrive; the Lambda runtime provides its own SDK, so
  // the bundle leaves @aws-sdk/* out.
  '@aws-sdk/client-lambda': '3.1164.0',
  '@aws-sdk/client-sqs': '3.1175.0',
  '@types/aws-lambda': '8.10.164',
  '@types/node': '24.19.2',
  'aws-cdk': '2.1148.1',
  'aws-sdk-client-mock': '4.1.0',
  'cdk-nag': '3.0.2',
  esbuild: '0.28.2',
  // npm run format / format:check, with the configuration of formatting.ts.
  prettier: '3.10.1',
  tsx: '4.23.15',
  typescript: '5.9.3',
} as const;

/**
 * The prefix subscriber's clients (src/log-lambda/subscriber.ts: CloudWatch Logs, and
 * CloudFormation for its own stack's status), for their types and tests: only in a project that
 * subscribes by prefix.
 */
export const prefixDevDependencies = {
  '@aws-sdk/client-cloudformation': '3.1169.0',
  '@aws-sdk/client-cloudwatch-logs': '3.1169.0',
} as const;

/** The Lambda runtime the function is pinned to (aws-cdk-lib `Runtime.NODEJS_24_X`). */
export const lambdaRuntime = { construct: 'NODEJS_24_X', nodeMajor: 24 } as const;
