import { describe, expect, it } from 'vitest';
import { holdsLogLambdaProject, parseSettings, readProjectSettings, replaceManagedRegion } from '../src/index.js';

const subscription = { name: 'a', logGroupName: '/g', filterPattern: '', createLogGroup: false };

describe('parseSettings', () => {
  it('reads what marks the project, and the stack settings from the context, defaulting the quota', () => {
    expect(parseSettings({ projectName: 'x' })).toEqual({ projectName: 'x', maxFiltersPerLogGroup: 2 });
    expect(parseSettings({ projectName: 'x', generatorVersion: '0.3.0' }, { maxFiltersPerLogGroup: 5, excludedLogGroups: ['/a'], alarmEmail: 'ops@example.com' })).toEqual({
      projectName: 'x',
      generatorVersion: '0.3.0',
      maxFiltersPerLogGroup: 5,
      excludedLogGroups: ['/a'],
      alarmEmail: 'ops@example.com',
    });
  });

  it('reads the settings 0.2.0 kept in .yo-rc.json, unless the context has them', () => {
    const entry = { projectName: 'x', maxFiltersPerLogGroup: 5, excludedLogGroups: ['/old'], alarmEmail: 'old@example.com' };
    expect(parseSettings(entry)).toEqual(entry);
    expect(parseSettings(entry, { excludedLogGroups: [], alarmEmail: 'new@example.com' })).toEqual({ ...entry, excludedLogGroups: [], alarmEmail: 'new@example.com' });
  });

  it('ignores the subscriptions list 0.1.0 stored: lib/subscriptions.ts is the one source of truth', () => {
    expect(parseSettings({ projectName: 'x', maxFiltersPerLogGroup: 2, subscriptions: [subscription] })).toEqual({ projectName: 'x', maxFiltersPerLogGroup: 2 });
  });

  it('has no alarm email or excluded log groups unless they are set', () => {
    expect(parseSettings({ projectName: 'x' })).not.toHaveProperty('alarmEmail');
    expect(parseSettings({ projectName: 'x' })).not.toHaveProperty('excludedLogGroups');
  });

  it.each([
    [undefined, {}, /no generator-log-lambda settings/],
    [{}, {}, /no generator-log-lambda settings/],
    [{ maxFiltersPerLogGroup: 2 }, {}, /no projectName/],
    [{ projectName: 'x', generatorVersion: 1 }, {}, /generatorVersion/],
    [{ projectName: 'x', maxFiltersPerLogGroup: 0 }, {}, /^has a maxFiltersPerLogGroup that is not a whole number above 0$/],
    [{ projectName: 'x' }, { maxFiltersPerLogGroup: '3' }, /^cdk\.json's context has a maxFiltersPerLogGroup that is not a whole number above 0$/],
    [{ projectName: 'x' }, { alarmEmail: 1 }, /alarmEmail/],
    [{ projectName: 'x' }, { excludedLogGroups: '/a' }, /excludedLogGroups that is not a list of log group names/],
    [{ projectName: 'x', excludedLogGroups: ['/a', 1] }, {}, /excludedLogGroups/],
  ])('says what is wrong with %j and the context %j', (entry, context, message) => {
    expect(parseSettings(entry, context)).toMatch(message);
  });
});

describe('readProjectSettings', () => {
  const yoRc = JSON.stringify({ 'generator-log-lambda': { projectName: 'x', generatorVersion: '0.2.0', maxFiltersPerLogGroup: 3 } });

  it("reads .yo-rc.json and cdk.json's context, which wins", () => {
    expect(readProjectSettings(yoRc, JSON.stringify({ app: 'x', context: { maxFiltersPerLogGroup: 4, '@aws-cdk/core:flag': true } }))).toEqual({
      projectName: 'x',
      generatorVersion: '0.2.0',
      maxFiltersPerLogGroup: 4,
    });
    expect(readProjectSettings(yoRc, undefined)).toMatchObject({ maxFiltersPerLogGroup: 3 });
    expect(readProjectSettings(yoRc, '{"app":"x"}')).toMatchObject({ maxFiltersPerLogGroup: 3 });
  });

  it.each([
    ['{', '{}', '.yo-rc.json is not a JSON object'],
    ['{}', '{}', '.yo-rc.json has no generator-log-lambda settings'],
    [yoRc, '[]', 'cdk.json is not a JSON object'],
    [yoRc, '{"context":[]}', "cdk.json's context is not a JSON object"],
    [yoRc, '{"context":{"maxFiltersPerLogGroup":0}}', "cdk.json's context has a maxFiltersPerLogGroup that is not a whole number above 0"],
  ])('names the file: %s and %s', (yoRcText, cdkJsonText, message) => {
    expect(readProjectSettings(yoRcText, cdkJsonText)).toBe(message);
  });
});

describe('holdsLogLambdaProject', () => {
  it('is true for a .yo-rc.json with a generator-log-lambda entry only', () => {
    expect(holdsLogLambdaProject('{"generator-log-lambda":{"projectName":"x"}}')).toBe(true);
    expect(holdsLogLambdaProject('{"generator-other":{}}')).toBe(false);
    expect(holdsLogLambdaProject('not json')).toBe(false);
  });
});

describe('replaceManagedRegion', () => {
  const region = (body: string) => `<!-- log-lambda:subscriptions:start (note) -->\n${body}\n<!-- log-lambda:subscriptions:end -->`;

  it('replaces only the region, keeping the rest as the user wrote it', () => {
    const mine = `# Mine\n\nmy words\n\n${region('old')}\n\n## My section $& $1\n`;
    expect(replaceManagedRegion(mine, `# Theirs\n${region('new $& $1')}\n`)).toBe(`# Mine\n\nmy words\n\n${region('new $& $1')}\n\n## My section $& $1\n`);
  });

  it('is not ended early by a marker inside a table row, as a filter pattern may hold one', () => {
    const row = '| `<!-- log-lambda:subscriptions:end -->` | x |';
    const mine = `# Mine\n${region(`old ${row}`)}\nafter\n`;
    expect(replaceManagedRegion(mine, region(`new ${row}`))).toBe(`# Mine\n${region(`new ${row}`)}\nafter\n`);
  });

  it('keeps a README with CRLF line endings in CRLF', () => {
    const mine = `# Mine\r\n${region('old').replace(/\n/g, '\r\n')}\r\nafter\r\n`;
    expect(replaceManagedRegion(mine, region('new\nlines'))).toBe(`# Mine\r\n${region('new\nlines').replace(/\n/g, '\r\n')}\r\nafter\r\n`);
  });

  it('gives up when the markers are gone', () => {
    expect(replaceManagedRegion('# no markers', region('new'))).toBeUndefined();
  });
});
