/**
 * Exact versions of everything a generated project installs. Pinned so that a project generated
 * today installs the same tree tomorrow; bump them here (one place) and re-run the snapshots.
 * All of them run on Node ^20.17 || >=22.9, and install with npm, pnpm, yarn 1 and bun alike
 * (test/e2e/package-managers.e2e.test.ts).
 */
export const projectDependencies = {
  // 2.270.0 is the newest aws-cdk-lib whose whole dependency tree is on the npm registry. From
  // 2.271.0 on it depends on @aws/cloudformation-validate 1.12.1, then 1.14.0, which exist only
  // bundled inside aws-cdk-lib's own tarball: npm and pnpm use that copy, but yarn 1 and bun look
  // the version up on the registry and fail. 2.270.0 depends on 1.9.0-beta, published there
  // byte for byte as it bundles it, so every package manager installs the same code. Check a
  // newer version with `npm view aws-cdk-lib@<version> dependencies` and
  // `npm view @aws/cloudformation-validate versions` before moving on.
  'aws-cdk-lib': '2.270.0',
  constructs: '10.8.1',
} as const;

export const projectDevDependencies = {
  '@types/aws-lambda': '8.10.164',
  '@types/node': '24.19.2',
  'aws-cdk': '2.1148.1',
  'cdk-nag': '3.0.2',
  esbuild: '0.28.2',
  tsx: '4.23.15',
  typescript: '5.9.3',
} as const;

/** The Lambda runtime the function is pinned to (aws-cdk-lib `Runtime.NODEJS_24_X`). */
export const lambdaRuntime = { construct: 'NODEJS_24_X', nodeMajor: 24 } as const;
