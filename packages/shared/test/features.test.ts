import { describe, expect, it } from 'vitest';
import { featureDependencies, FEATURES, projectFeatures } from '../src/features.js';
import type { Subscription } from '../src/model.js';
import { prefixDevDependencies, projectDependencies, projectDevDependencies } from '../src/versions.js';

const named: Subscription = { name: 'n', logGroupName: '/app/api', filterPattern: '', createLogGroup: false };
const prefix: Subscription = { name: 'p', logGroupNamePrefix: '/app/', filterPattern: '' };
const account: Subscription = { name: 'a', accountPolicy: true, filterPattern: '' };

describe('the features a project holds', () => {
  it('the core, and one per kind of subscription, in rendering order', () => {
    expect(projectFeatures({ subscriptions: [named] })).toEqual(['core', 'named']);
    expect(projectFeatures({ subscriptions: [prefix, named, named] })).toEqual(['core', 'named', 'prefix']);
    expect(projectFeatures({ subscriptions: [account] })).toEqual(['core', 'account']);
    expect(projectFeatures({ subscriptions: [] })).toEqual(['core']);
    expect(FEATURES).toEqual(['core', 'named', 'prefix', 'account']);
  });

  it('pins only what its features need: the subscriber’s clients with a prefix', () => {
    expect(featureDependencies(['core', 'named'])).toEqual({ dependencies: projectDependencies, devDependencies: projectDevDependencies });
    const withPrefix = featureDependencies(['core', 'prefix']).devDependencies;
    expect(withPrefix).toEqual({ ...projectDevDependencies, ...prefixDevDependencies });
    expect(Object.keys(withPrefix)).toEqual(Object.keys(withPrefix).sort());
    expect(Object.keys(featureDependencies(['core']).devDependencies)).not.toContain('@aws-sdk/client-cloudwatch-logs');
  });
});
