/** package-lock.json in an upgrade: what npm had locked for a package whose pin changed is forgotten, the rest stays. */
import { describe, expect, it } from 'vitest';
import { changedDependencies, forgetInNpmLock } from '../../src/upgrade/npm-lock.js';

/** The shape npm 11 writes for a project on aws-cdk-lib 2.276.0 (trimmed), plus a dependency of the user's. */
const lock = {
  name: 'my-app',
  version: '0.1.0',
  lockfileVersion: 3,
  requires: true,
  packages: {
    '': { name: 'my-app', dependencies: { 'aws-cdk-lib': '2.276.0', constructs: '10.8.1', zod: '4.0.0' } },
    'node_modules/@aws-cdk/asset-awscli-v1': { version: '2.2.292' },
    'node_modules/@aws-cdk/cloud-assembly-schema': { version: '54.30.0' },
    'node_modules/aws-cdk-lib': {
      version: '2.276.0',
      bundleDependencies: ['@aws-cdk/cloud-assembly-api', 'semver'],
      dependencies: { '@aws-cdk/asset-awscli-v1': '2.2.292', '@aws-cdk/cloud-assembly-api': '^2.2.6', '@aws-cdk/cloud-assembly-schema': '^54.30.0', semver: '^7.8.5' },
    },
    'node_modules/aws-cdk-lib/node_modules/@aws-cdk/cloud-assembly-api': { version: '2.2.9', inBundle: true },
    'node_modules/aws-cdk-lib/node_modules/semver': { version: '7.8.5', inBundle: true },
    'node_modules/aws-cdk-lib-extra': { version: '1.0.0' },
    'node_modules/constructs': { version: '10.8.1' },
    'node_modules/zod': { version: '4.0.0' },
  },
};

describe('forgetInNpmLock', () => {
  it('forgets the package, what is nested in it and its dependencies at the top; keeps every other entry', () => {
    const text = `${JSON.stringify(lock, null, 2)}\n`;
    const forgotten = JSON.parse(forgetInNpmLock(text, ['aws-cdk-lib'])!) as typeof lock;
    expect(Object.keys(forgotten.packages)).toEqual(['', 'node_modules/aws-cdk-lib-extra', 'node_modules/constructs', 'node_modules/zod']);
    expect(forgotten.packages['']).toEqual(lock.packages['']);
    expect({ ...forgotten, packages: undefined }).toEqual({ ...lock, packages: undefined });
  });

  it("writes in the lock's own indentation and line endings", () => {
    const text = `${JSON.stringify(lock, null, '\t').replace(/\n/g, '\r\n')}\r\n`;
    const forgotten = forgetInNpmLock(text, ['constructs'])!;
    expect(forgotten).toBe(`${JSON.stringify({ ...lock, packages: { ...lock.packages, 'node_modules/constructs': undefined } }, null, '\t').replace(/\n/g, '\r\n')}\r\n`);
  });

  it('lockfileVersion 2: the npm 6 section loses the same names, and keeps the others', () => {
    const v2 = {
      ...lock,
      lockfileVersion: 2,
      dependencies: { 'aws-cdk-lib': { version: '2.276.0' }, '@aws-cdk/cloud-assembly-schema': { version: '54.30.0' }, zod: { version: '4.0.0' } },
    };
    const forgotten = JSON.parse(forgetInNpmLock(JSON.stringify(v2, null, 2), ['aws-cdk-lib'])!) as typeof v2;
    expect(forgotten.dependencies).toEqual({ zod: { version: '4.0.0' } });
  });

  it('changes nothing for a name it never locked, or a text that is not a lock file', () => {
    expect(forgetInNpmLock(JSON.stringify(lock), ['left-pad'])).toBeUndefined();
    expect(forgetInNpmLock('not json', ['aws-cdk-lib'])).toBeUndefined();
    expect(forgetInNpmLock(JSON.stringify({ lockfileVersion: 1, dependencies: {} }), ['aws-cdk-lib'])).toBeUndefined();
  });
});

describe('changedDependencies', () => {
  it('names every dependency added, removed or moved, in any dependency field', () => {
    const before = JSON.stringify({ dependencies: { 'aws-cdk-lib': '2.276.0', constructs: '10.8.1' }, devDependencies: { vitest: '4.1.12', tsx: '4.23.15' } });
    const after = JSON.stringify({ dependencies: { 'aws-cdk-lib': '2.270.0', constructs: '10.8.1' }, devDependencies: { tsx: '4.23.15', 'aws-sdk-client-mock': '4.1.0' } });
    expect(changedDependencies(before, after)).toEqual(['aws-cdk-lib', 'aws-sdk-client-mock', 'vitest']);
    expect(changedDependencies(before, before)).toEqual([]);
  });
});
