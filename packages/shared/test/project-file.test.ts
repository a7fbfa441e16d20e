import { describe, expect, it } from 'vitest';
import { parseModel, replaceManagedRegion } from '../src/index.js';

const subscription = { name: 'a', logGroupName: '/g', filterPattern: '', createLogGroup: false };

describe('parseModel', () => {
  it('reads a stored model, defaulting the quota', () => {
    expect(parseModel({ projectName: 'x', subscriptions: [subscription] })).toEqual({ projectName: 'x', maxFiltersPerLogGroup: 2, subscriptions: [subscription] });
    expect(parseModel({ projectName: 'x', maxFiltersPerLogGroup: 5, subscriptions: [] })).toMatchObject({ maxFiltersPerLogGroup: 5 });
  });

  it('keeps the alarm email, when there is one', () => {
    expect(parseModel({ projectName: 'x', subscriptions: [], alarmEmail: 'ops@example.com' })).toMatchObject({ alarmEmail: 'ops@example.com' });
    expect(parseModel({ projectName: 'x', subscriptions: [] })).not.toHaveProperty('alarmEmail');
  });

  it.each([
    [undefined, /no generator-log-lambda settings/],
    [{}, /no generator-log-lambda settings/],
    [{ subscriptions: [] }, /no projectName/],
    [{ projectName: 'x', maxFiltersPerLogGroup: 0, subscriptions: [] }, /maxFiltersPerLogGroup/],
    [{ projectName: 'x', subscriptions: [{ ...subscription, createLogGroup: 'no' }] }, /subscriptions list/],
    [{ projectName: 'x' }, /subscriptions list/],
    [{ projectName: 'x', subscriptions: [], alarmEmail: 1 }, /alarmEmail/],
  ])('says what is wrong with %j', (value, message) => {
    expect(parseModel(value)).toMatch(message);
  });
});

describe('replaceManagedRegion', () => {
  const region = (body: string) => `<!-- log-lambda:subscriptions:start (note) -->\n${body}\n<!-- log-lambda:subscriptions:end -->`;

  it('replaces only the region, keeping the rest as the user wrote it', () => {
    const mine = `# Mine\n\nmy words\n\n${region('old')}\n\n## My section $& $1\n`;
    expect(replaceManagedRegion(mine, `# Theirs\n${region('new $& $1')}\n`)).toBe(`# Mine\n\nmy words\n\n${region('new $& $1')}\n\n## My section $& $1\n`);
  });

  it('gives up when the markers are gone', () => {
    expect(replaceManagedRegion('# no markers', region('new'))).toBeUndefined();
  });
});
