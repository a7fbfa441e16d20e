import { describe, expect, it } from 'vitest';
import { appFlags, appQuestions, questionFlag, runFlags, toArgv, upgradeFlags } from '../src/index.js';

describe('appFlags', () => {
  it('has one flag per question, with its description, then the run flags', () => {
    expect(appFlags.slice(0, appQuestions.length)).toEqual(
      appQuestions.map((q) => ({ flag: q.flag, type: q.type === 'confirm' ? 'boolean' : 'string', description: q.description })),
    );
    expect(appFlags.slice(appQuestions.length)).toEqual(runFlags);
  });

  it('names each flag and short alias once', () => {
    const names = appFlags.flatMap((f) => [f.flag, ...(f.short ? [f.short] : [])]);
    expect(new Set(names).size).toBe(names.length);
    for (const { flag } of appFlags) expect(flag).toMatch(/^[a-z][a-z-]*$/);
  });

  it('turns a confirm question into a boolean flag', () => {
    expect(questionFlag(appQuestions.find((q) => q.flag === 'create-log-group')!).type).toBe('boolean');
  });
});

describe('upgradeFlags', () => {
  it('names each flag once; a flag shared with appFlags has the same name, type and alias there', () => {
    const names = upgradeFlags.flatMap((f) => [f.flag, ...(f.short ? [f.short] : [])]);
    expect(new Set(names).size).toBe(names.length);
    for (const flag of upgradeFlags) {
      const same = appFlags.find((f) => f.flag === flag.flag);
      if (same) expect({ type: flag.type, short: flag.short }).toEqual({ type: same.type, short: same.short });
    }
    expect(upgradeFlags.map((f) => f.flag)).toEqual(['dry-run', 'yes', 'interactive', 'allow-dirty', 'base', 'skip-install', 'package-manager']);
  });
});

describe('toArgv', () => {
  const flags = [
    { flag: 'filter-pattern', type: 'string', description: '' },
    { flag: 'yes', type: 'boolean', description: '' },
    { flag: 'git', type: 'boolean', defaultOn: true, description: '' },
  ] as const;

  it('writes strings as --flag=value, so empty values and values starting with - survive', () => {
    expect(toArgv(flags, { 'filter-pattern': '' })).toEqual(['--filter-pattern=']);
    expect(toArgv(flags, { 'filter-pattern': '-DEBUG' })).toEqual(['--filter-pattern=-DEBUG']);
    expect(toArgv(flags, { 'filter-pattern': 'a=b "c d"' })).toEqual(['--filter-pattern=a=b "c d"']);
  });

  it('writes booleans as --flag or --no-flag, and leaves out what was not given or is not a flag', () => {
    expect(toArgv(flags, { yes: true, git: false, other: 'x', 'filter-pattern': undefined })).toEqual(['--yes', '--no-git']);
  });
});
