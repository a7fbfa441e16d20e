/**
 * Exact versions of everything a generated project installs. Pinned so that a project generated
 * today installs the same tree tomorrow; bump them here (one place) and re-run the snapshots.
 * All of them run on Node ^20.17 || >=22.9.
 */
export const projectDependencies = {
  'aws-cdk-lib': '2.276.0',
  constructs: '10.8.1',
} as const;

export const projectDevDependencies = {
  // The handler's failure path and npm run redrive; the Lambda runtime provides its own SDK, so
  // the bundle leaves @aws-sdk/* out.
  // The prefix subscriber's client (src/subscriber.ts), for its types and tests.
  '@aws-sdk/client-cloudwatch-logs': '3.1169.0',
  '@aws-sdk/client-lambda': '3.1164.0',
  '@aws-sdk/client-sqs': '3.1175.0',
  '@types/aws-lambda': '8.10.164',
  '@types/node': '24.19.2',
  'aws-cdk': '2.1148.1',
  'aws-sdk-client-mock': '4.1.0',
  'cdk-nag': '3.0.2',
  esbuild: '0.28.2',
  tsx: '4.23.15',
  typescript: '5.9.3',
  vitest: '4.1.12',
} as const;

/** The Lambda runtime the function is pinned to (aws-cdk-lib `Runtime.NODEJS_24_X`). */
export const lambdaRuntime = { construct: 'NODEJS_24_X', nodeMajor: 24 } as const;
