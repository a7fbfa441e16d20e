/** package.json in an upgrade: new pins arrive, the user's dependencies and scripts stay, no conflict ever. */
import { describe, expect, it } from 'vitest';
import { mergeJson } from '../../src/merge/merge-json.js';
import { packageJsonResolver } from '../../src/upgrade/package-json.js';

const resolve = packageJsonResolver('0.2.0');

describe('package.json', () => {
  const base = { name: 'my-app', scripts: { test: 'vitest run', synth: 'cdk synth' }, dependencies: { 'aws-cdk-lib': '2.270.0', constructs: '10.8.1' } };

  it('moves pins the user left alone, keeps what they added', () => {
    const ours = { ...base, scripts: { ...base.scripts, lint: 'eslint .' }, dependencies: { ...base.dependencies, zod: '4.0.0' } };
    const theirs = { ...base, dependencies: { 'aws-cdk-lib': '2.276.0', constructs: '10.9.0' } };
    expect(mergeJson(base, ours, theirs, resolve)).toEqual({
      value: { ...base, scripts: { ...base.scripts, lint: 'eslint .' }, dependencies: { 'aws-cdk-lib': '2.276.0', constructs: '10.9.0', zod: '4.0.0' } },
      conflicts: [],
      notes: [],
    });
  });

  it("a pin both changed: the newer exact version wins, said in a note; a range of the user's stays", () => {
    const theirs = { ...base, dependencies: { 'aws-cdk-lib': '2.276.0', constructs: '10.9.0' } };
    const newer = mergeJson(base, { ...base, dependencies: { 'aws-cdk-lib': '2.280.0', constructs: '10.8.2' } }, theirs, resolve);
    expect(newer.value).toMatchObject({ dependencies: { 'aws-cdk-lib': '2.280.0', constructs: '10.9.0' } });
    expect(newer.notes).toEqual([
      "aws-cdk-lib: kept your 2.280.0, newer than log-lambda 0.2.0's pin 2.276.0",
      "constructs: 10.8.2 → 10.9.0, log-lambda 0.2.0's pin (you had changed it)",
    ]);
    const range = mergeJson(base, { ...base, dependencies: { ...base.dependencies, 'aws-cdk-lib': '^2.0.0' } }, theirs, resolve);
    expect(range.value).toMatchObject({ dependencies: { 'aws-cdk-lib': '^2.0.0' } });
    expect(range.conflicts).toEqual([]);
  });

  it("a script both changed stays the user's; a dependency the user removed stays removed", () => {
    const ours = { ...base, scripts: { ...base.scripts, test: 'vitest run --coverage' }, dependencies: { 'aws-cdk-lib': '2.270.0' } };
    const theirs = { ...base, scripts: { ...base.scripts, test: 'vitest run --reporter=dot' }, dependencies: { 'aws-cdk-lib': '2.270.0', constructs: '10.9.0' } };
    const merged = mergeJson(base, ours, theirs, resolve);
    expect(merged.value).toEqual({ ...base, scripts: { ...base.scripts, test: 'vitest run --coverage' }, dependencies: { 'aws-cdk-lib': '2.270.0' } });
    expect(merged.conflicts).toEqual([]);
    expect(merged.notes).toHaveLength(2);
  });
});
