import { describe, expect, it } from 'vitest';
import { compareVersions, isExactVersion } from '../src/version.js';

describe('compareVersions', () => {
  it('orders by number, a prerelease before its release', () => {
    const sorted = ['0.10.0', '0.2.0', '1.0.0', '0.2.0-beta.2', '0.2.0-beta.10', '0.2.0-alpha', '0.1.0', '0.2.1'].sort(compareVersions);
    expect(sorted).toEqual(['0.1.0', '0.2.0-alpha', '0.2.0-beta.2', '0.2.0-beta.10', '0.2.0', '0.2.1', '0.10.0', '1.0.0']);
    expect(compareVersions('1.2.3+build.5', '1.2.3')).toBe(0);
    expect(compareVersions('1.2', '1.2.0')).toBeNaN();
  });

  it('tells an exact pin from a range', () => {
    expect(isExactVersion('2.276.0')).toBe(true);
    expect(isExactVersion('^2.276.0')).toBe(false);
    expect(isExactVersion('workspace:*')).toBe(false);
  });
});
