import { describe, expect, it } from 'vitest';
import { MAX_STACK_RESOURCES, stackResourceCount, type Subscription } from '../src/index.js';

const named = (count: number, createLogGroup = false): Subscription[] =>
  Array.from({ length: count }, (_, i) => ({ name: `filter-${i}`, logGroupName: `/app/service-${i}`, filterPattern: '', createLogGroup }));
const prefixes = (count: number): Subscription[] => Array.from({ length: count }, (_, i) => ({ name: `p${i}`, logGroupNamePrefix: `/app/p${i}/`, filterPattern: '' }));

describe('the resources a generated stack holds, predicted from its subscriptions', () => {
  // Each expected count is the number of Resources in the template the generated project
  // synthesizes for these subscriptions (CDKMetadata included); its test/stack.test.ts checks
  // lib/scale.ts's count against the template the same way.
  it.each([
    ['1 by name', named(1), false, 17],
    ['2 by name', named(2), false, 18],
    ['11 by name', named(11), false, 29],
    ['1 by name, alarm email', named(1), true, 20],
    ['1 by name, log group created', named(1, true), false, 18],
    ['100 by name, log groups created', named(100, true), false, 234],
    ['404 by name: the most one stack holds', named(404), false, MAX_STACK_RESOURCES],
    ['405 by name', named(405), false, 501],
    ['1 prefix', prefixes(1), false, 28],
    ['2 prefixes', prefixes(2), false, 31],
    ['11 prefixes', prefixes(11), false, 59],
    ['25 prefixes, alarm email', prefixes(25), true, 105],
    ['the account', [{ name: 'all', accountPolicy: true, filterPattern: '' }], false, 17],
    ['the account, alarm email', [{ name: 'all', accountPolicy: true, filterPattern: '' }], true, 20],
    [
      '2 filters on one created group, 1 on an existing one, 2 prefixes, alarm email',
      [
        { name: 'a', logGroupName: '/app/a', filterPattern: '', createLogGroup: true },
        { name: 'b', logGroupName: '/app/a', filterPattern: 'x', createLogGroup: true },
        { name: 'c', logGroupName: '/app/c', filterPattern: '', createLogGroup: false },
        ...prefixes(2),
      ],
      true,
      40,
    ],
  ] as const)('%s: %i resources', (_, subscriptions, alarmEmail, expected) => {
    expect(stackResourceCount(subscriptions, { alarmEmail })).toBe(expected);
  });

  it('without version reporting there is no CDKMetadata resource', () => {
    expect(stackResourceCount(named(1), { alarmEmail: false, versionReporting: false })).toBe(16);
  });
});
