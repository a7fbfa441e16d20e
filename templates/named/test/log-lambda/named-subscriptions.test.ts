import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { metricFilterName } from '../../lib/log-lambda/alarms.js';
import { logGroupArnPattern } from '../../lib/<%- projectName %>-stack.js';
import { MAX_STACK_RESOURCES } from '../../lib/<%- projectName %>-stack.js';
import { templateResourceCount } from '../../lib/<%- projectName %>-stack.js';
import { FILTERS_AT_ONCE, METRICS_PER_ALARM } from '../../lib/log-lambda/named-subscriptions.js';
import { isNamed, OWN_LOG_GROUP_MARKER, type NamedSubscription } from '../../lib/log-lambda/rules.js';
import { subscriptions } from '../../lib/subscriptions.js';
import { countingApp, covers, ECHO_LOG_GROUP, permissionId, resourceCount, stackOf, synth, testApp } from './support.js';

function subscription(overrides: Partial<NamedSubscription> = {}): NamedSubscription {
  return { name: 'filter', logGroupName: '/app/api', filterPattern: '', createLogGroup: false, ...overrides };
}

const many = (count: number, overrides: (i: number) => Partial<NamedSubscription> = () => ({})) =>
  Array.from({ length: count }, (_, i) => subscription({ name: `filter-${i}`, logGroupName: `/app/service-${i}`, ...overrides(i) }));

/** The project's quota of filters per log group (cdk.json's context). */
const maxFiltersPerLogGroup = Number(testApp().node.tryGetContext('maxFiltersPerLogGroup') ?? 2);

describe('subscriptions by name, as declared in lib/subscriptions.ts', () => {
  const template = synth();
  const named = subscriptions.filter(isNamed);

  it('creates one subscription filter per subscription to a log group by name', () => {
    template.resourceCountIs('AWS::Logs::SubscriptionFilter', named.length);
  });

  for (const s of named) {
    it(`${s.name}: name, pattern and log group, after the invoke permission, which covers its log group`, () => {
      const filters = template.findResources('AWS::Logs::SubscriptionFilter', { Properties: { FilterName: s.name, FilterPattern: s.filterPattern } });
      assert.equal(Object.keys(filters).length, 1);
      const filter = Object.values(filters)[0]!;
      assert.ok((filter.DependsOn as string[]).includes(permissionId(template)), `DependsOn ${JSON.stringify(filter.DependsOn)}`);
      assert.ok(covers(logGroupArnPattern(subscriptions), s.logGroupName), `the permission covers ${s.logGroupName}`);
      if (s.createLogGroup) {
        const groups = template.findResources('AWS::Logs::LogGroup', { Properties: { LogGroupName: s.logGroupName, RetentionInDays: Match.anyValue() } });
        const [groupId] = Object.keys(groups);
        assert.ok(groupId !== undefined, `a log group ${s.logGroupName}`);
        assert.deepEqual(filter.Properties.LogGroupName, { Ref: groupId });
      } else {
        assert.equal(filter.Properties.LogGroupName, s.logGroupName);
      }
    });
  }

  it('the invoke permission covers exactly one log group, a shared name prefix, or every log group', () => {
    const on = (...logGroupNames: string[]) => logGroupNames.map((logGroupName, i) => ({ name: `f${i}`, logGroupName, filterPattern: '', createLogGroup: false }));
    assert.equal(logGroupArnPattern(on('/app/api', '/app/api')), '/app/api:*');
    assert.equal(logGroupArnPattern(on('/app/api', '/app/web')), '/app/*');
    assert.equal(logGroupArnPattern(on('/app/api', '/app/api-v2')), '/app/api*');
    assert.equal(logGroupArnPattern(on('/app/api', 'other')), '*');
<% if (has('prefix')) { -%>
    assert.equal(logGroupArnPattern([...on('/app/api'), { name: 'p', logGroupNamePrefix: '/app/', filterPattern: '' }]), '/app/*');
<% } -%>
    assert.equal(covers('/app/api*', '/app/api'), true);
    assert.equal(covers('/app/api:*', '/app/api-v2'), false);
  });

  it('alarms when CloudWatch Logs fails to deliver their events, or is throttled: one alarm each per 10 filters', () => {
    for (const metricName of ['DeliveryErrors', 'DeliveryThrottling']) {
      const alarms = deliveryAlarms(template, metricName);
      assert.deepEqual(
        alarms.flatMap((alarm) => alarm.filters),
        named.map((s) => `${metricFilterName(s.name)} on ${s.logGroupName}`),
      );
      for (const alarm of alarms) {
        assert.ok(alarm.filters.length <= METRICS_PER_ALARM, `${alarm.filters.length} filters in one alarm`);
        assert.equal(alarm.properties['Threshold'], 1);
        assert.equal(alarm.properties['DatapointsToAlarm'], metricName === 'DeliveryErrors' ? 1 : 2);
      }
    }
  });

  it('names the filter in delivery metrics the way CloudWatch Logs does: ASCII, ? for the rest', () => {
    assert.equal(metricFilterName('errors-Größe ✓ 😀'), 'errors-Gr??e ? ?');
    assert.equal(metricFilterName('plain "quoted" ${x}'), 'plain "quoted" ${x}');
  });
});

describe('subscriptions by name: what synth refuses', () => {
  it("a log-lambda function's own log group, of this stack or another (a function would invoke itself, or another stack, forever)", () => {
    for (const logGroupName of [ECHO_LOG_GROUP, `${OWN_LOG_GROUP_MARKER}ProdStack/subscriber`]) {
      assert.throws(() => synth([subscription({ logGroupName })]), { name: 'ConfigurationError', message: /a log-lambda function's own log group/ });
    }
  });

  it(`more than ${maxFiltersPerLogGroup} filters on one log group (maxFiltersPerLogGroup)`, () => {
    const tooMany = Array.from({ length: maxFiltersPerLogGroup + 1 }, (_, i) => subscription({ name: `f${i}` }));
    assert.throws(() => synth(tooMany), { message: new RegExp(`AWS allows ${maxFiltersPerLogGroup} per log group`) });
    synth(tooMany, { maxFiltersPerLogGroup: maxFiltersPerLogGroup + 1 });
  });

  it('shares one log group between its filters, and never renames a filter when another is added', () => {
    const first = subscription({ name: 'first', createLogGroup: true });
    const before = synth([first]);
    const afterAdding = synth([first, subscription({ name: 'second', createLogGroup: true, filterPattern: 'ERROR' })]);
    afterAdding.resourceCountIs('AWS::Logs::LogGroup', 2); // the function's own and /app/api
    const ids = (t: Template) => Object.keys(t.findResources('AWS::Logs::SubscriptionFilter'));
    for (const id of ids(before)) assert.ok(ids(afterAdding).includes(id), `${id} kept its logical id`);
    assert.deepEqual(
      before.findResources('AWS::Logs::SubscriptionFilter'),
      Object.fromEntries(Object.entries(afterAdding.findResources('AWS::Logs::SubscriptionFilter')).filter(([id]) => ids(before).includes(id))),
    );
  });

  it('log groups /a/b and /a--b, filters x/y and x--y: side by side, the first keeping the ids it always had', () => {
    const template = synth([
      subscription({ name: 'x/y', logGroupName: '/a/b', createLogGroup: true }),
      subscription({ name: 'x--y', logGroupName: '/a--b', createLogGroup: true }),
    ]);
    template.resourceCountIs('AWS::Logs::SubscriptionFilter', 2);
    for (const FilterName of ['x/y', 'x--y']) template.hasResourceProperties('AWS::Logs::SubscriptionFilter', { FilterName });
    for (const LogGroupName of ['/a/b', '/a--b']) template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName });
    const alone = synth([subscription({ name: 'x/y' })]);
    const both = synth([subscription({ name: 'x/y' }), subscription({ name: 'x--y', logGroupName: '/other' })]);
    const filterId = (t: Template, name: string) => Object.keys(t.findResources('AWS::Logs::SubscriptionFilter', { Properties: { FilterName: name } }))[0];
    assert.equal(filterId(both, 'x/y'), filterId(alone, 'x/y'));
    assert.notEqual(filterId(both, 'x--y'), filterId(both, 'x/y'));
  });
});

describe('subscriptions by name, at scale', () => {
  it(`200 log groups: one invoke permission, at most ${FILTERS_AT_ONCE} filters created at once, well under ${MAX_STACK_RESOURCES} resources`, () => {
    const template = synth(many(200));
    template.resourceCountIs('AWS::Logs::SubscriptionFilter', 200);
    template.resourceCountIs('AWS::Lambda::Permission', 1);
    template.hasResourceProperties('AWS::Lambda::Permission', { SourceArn: { 'Fn::Join': ['', Match.arrayWith([':log-group:/app/service-*'])] } });
    assert.equal(filtersAtOnce(template), FILTERS_AT_ONCE);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 4 + 2 * (200 / METRICS_PER_ALARM));
    assert.ok(resourceCount(template) < MAX_STACK_RESOURCES, `${resourceCount(template)} resources`);
  });

  it('404 subscriptions synthesize, exactly 500 resources with CDKMetadata; 405 are refused in one sentence that says what to do instead', () => {
    const stack = stackOf(many(404), {}, countingApp());
    assert.equal(templateResourceCount(stack), resourceCount(Template.fromStack(stack)));
    assert.equal(templateResourceCount(stack), MAX_STACK_RESOURCES);
    assert.throws(() => stackOf(many(405), {}, countingApp()), {
      name: 'ConfigurationError',
      message:
        /^\w+: 405 subscriptions in lib\/subscriptions\.ts take 501 CloudFormation resources; one stack holds at most 500\. [^\n]*--log-group-prefix[^\n]*--account-policy[^\n]*$/,
    });
  });

  // packages/shared's stackResourceCount (what the add-filter command checks) predicts these same numbers.
  for (const [what, wanted, alarmEmail, expected] of [
    ['1 by name', many(1), false, 17],
    ['11 by name', many(11), false, 29],
    ['1 by name, alarm email', many(1), true, 20],
    ['2 by name on a log group the stack creates', many(2, () => ({ logGroupName: '/app/created', createLogGroup: true })), false, 19],
  ] as const) {
    it(`${what}: ${expected} resources, CDKMetadata included`, () => {
      const stack = stackOf(wanted, alarmEmail ? { alarmEmail: 'ops@example.com' } : {}, countingApp());
      assert.equal(resourceCount(Template.fromStack(stack)), expected);
      assert.equal(templateResourceCount(stack), expected);
    });
  }
});

/** The alarms summing a CloudWatch Logs delivery metric, and the filters each one covers ("name on log group"). */
function deliveryAlarms(template: Template, metricName: string): Array<{ properties: Record<string, unknown>; filters: string[] }> {
  type Stat = { MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions: Array<{ Name: string; Value: string }> } }; Expression?: string };
  return Object.values(template.findResources('AWS::CloudWatch::Alarm'))
    .map(({ Properties }) => Properties as Record<string, unknown> & { Metrics?: Stat[] })
    .filter((properties) => properties.Metrics?.some((m) => m.MetricStat?.Metric.MetricName === metricName))
    .map((properties) => {
      assert.equal(properties.Metrics!.find((m) => m.Expression)?.Expression, 'SUM(METRICS())');
      const filters = properties.Metrics!.flatMap(({ MetricStat }) => {
        if (!MetricStat) return [];
        const { Namespace, Dimensions } = MetricStat.Metric;
        assert.equal(Namespace, 'AWS/Logs');
        const dimension = (name: string) => Dimensions.find((d) => d.Name === name)?.Value;
        assert.equal(dimension('DestinationType'), 'Lambda');
        return [`${dimension('FilterName')} on ${dimension('LogGroupName')}`];
      });
      return { properties, filters };
    });
}

/**
 * The most subscription filters CloudFormation would create at once: it starts every resource
 * whose dependencies are done, so count the filters in each such wave.
 */
function filtersAtOnce(template: Template): number {
  const filters = template.findResources('AWS::Logs::SubscriptionFilter');
  const done = new Set<string>();
  let widest = 0;
  while (done.size < Object.keys(filters).length) {
    const wave = Object.entries(filters)
      .filter(([id, filter]) => !done.has(id) && ((filter.DependsOn ?? []) as string[]).every((dependency) => !(dependency in filters) || done.has(dependency)))
      .map(([id]) => id);
    if (wave.length === 0) throw new Error('the filters depend on each other in a cycle');
    widest = Math.max(widest, wave.length);
    for (const id of wave) done.add(id);
  }
  return widest;
}
