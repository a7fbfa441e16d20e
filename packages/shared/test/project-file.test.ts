import { describe, expect, it } from 'vitest';
import { holdsLogLambdaProject, parseSettings, replaceManagedRegion } from '../src/index.js';

const subscription = { name: 'a', logGroupName: '/g', filterPattern: '', createLogGroup: false };

describe('parseSettings', () => {
  it('reads the stored settings, defaulting the quota', () => {
    expect(parseSettings({ projectName: 'x' })).toEqual({ projectName: 'x', maxFiltersPerLogGroup: 2 });
    expect(parseSettings({ projectName: 'x', maxFiltersPerLogGroup: 5, generatorVersion: '0.2.0' })).toEqual({
      projectName: 'x',
      maxFiltersPerLogGroup: 5,
      generatorVersion: '0.2.0',
    });
  });

  it('ignores the subscriptions list 0.1.0 stored: lib/subscriptions.ts is the one source of truth', () => {
    expect(parseSettings({ projectName: 'x', maxFiltersPerLogGroup: 2, subscriptions: [subscription] })).toEqual({ projectName: 'x', maxFiltersPerLogGroup: 2 });
  });

  it('keeps the alarm email, when there is one', () => {
    expect(parseSettings({ projectName: 'x', alarmEmail: 'ops@example.com' })).toMatchObject({ alarmEmail: 'ops@example.com' });
    expect(parseSettings({ projectName: 'x' })).not.toHaveProperty('alarmEmail');
  });

  it('keeps the excluded log groups, when there are some', () => {
    expect(parseSettings({ projectName: 'x', excludedLogGroups: ['/a', '/b'] })).toMatchObject({ excludedLogGroups: ['/a', '/b'] });
    expect(parseSettings({ projectName: 'x' })).not.toHaveProperty('excludedLogGroups');
  });

  it.each([
    [undefined, /no generator-log-lambda settings/],
    [{}, /no generator-log-lambda settings/],
    [{ maxFiltersPerLogGroup: 2 }, /no projectName/],
    [{ projectName: 'x', maxFiltersPerLogGroup: 0 }, /maxFiltersPerLogGroup/],
    [{ projectName: 'x', maxFiltersPerLogGroup: '3' }, /maxFiltersPerLogGroup/],
    [{ projectName: 'x', generatorVersion: 1 }, /generatorVersion/],
    [{ projectName: 'x', alarmEmail: 1 }, /alarmEmail/],
    [{ projectName: 'x', excludedLogGroups: '/a' }, /excludedLogGroups that is not a list of log group names/],
    [{ projectName: 'x', excludedLogGroups: ['/a', 1] }, /excludedLogGroups/],
  ])('says what is wrong with %j', (value, message) => {
    expect(parseSettings(value)).toMatch(message);
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
