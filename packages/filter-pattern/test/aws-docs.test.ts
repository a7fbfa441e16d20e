/**
 * Every example of AWS's documentation of filter patterns, each with the page it comes from: the
 * pattern, the log events the page gives, and what the page says matches (and, for
 * TestMetricFilter, what it extracts). Where pages disagree, TestMetricFilter's documented output
 * wins, then the current User Guide; each disagreement is written down next to its case.
 *
 * Pages (read 2026-11 through the docs corpus and its Markdown copies):
 * - FilterAndPatternSyntax: the overview page, which has held all four sections (regex,
 *   unstructured, JSON, space-delimited); the split pages repeat its examples.
 * - regex-expressions, matching-terms-unstructured-log-events, matching-terms-json-log-events:
 *   the split pages. The split space-delimited page was not in the stored corpus; its examples
 *   are taken from the overview page's space-delimited section (same heading and anchor).
 * - FilterAndPatternSyntaxForMetricFilters: dimensions and `{ $.latency = * }`.
 * - API_TestMetricFilter: the API reference's seven examples, with their responses.
 * - The archived User Guide on GitHub (awsdocs/amazon-cloudwatch-logs-user-guide, last revision):
 *   older wording of the same page, with examples the current pages dropped.
 */
import { describe, expect, it } from 'vitest';
import { matchFilterPattern, validateFilterPattern } from '../src/index.js';

const USER_GUIDE = 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs';
const SOURCES = {
  syntax: `${USER_GUIDE}/FilterAndPatternSyntax.html`,
  regex: `${USER_GUIDE}/regex-expressions.html`,
  unstructured: `${USER_GUIDE}/matching-terms-unstructured-log-events.html`,
  json: `${USER_GUIDE}/matching-terms-json-log-events.html`,
  spaceDelimited: `${USER_GUIDE}/FilterAndPatternSyntax.html#matching-term-space-delimited-log-events`,
  metricFilters: `${USER_GUIDE}/FilterAndPatternSyntaxForMetricFilters.html`,
  testMetricFilter: 'https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_TestMetricFilter.html',
  archive: 'https://github.com/awsdocs/amazon-cloudwatch-logs-user-guide/blob/master/doc_source/FilterAndPatternSyntax.md',
} as const;

interface Example {
  source: keyof typeof SOURCES;
  pattern: string;
  /** Events the page says the pattern matches. */
  matches: string[];
  /** Events the page says it does not match (or that the page's own events rule out). */
  misses?: string[];
  /** Why this case reads the page the way it does. */
  note?: string;
}

function check({ pattern, matches, misses = [] }: Example): void {
  expect(validateFilterPattern(pattern), `${pattern} is valid`).toBeUndefined();
  for (const event of matches) expect(matchFilterPattern(pattern, event).matched, `${pattern} matches ${JSON.stringify(event)}`).toBe(true);
  for (const event of misses) expect(matchFilterPattern(pattern, event).matched, `${pattern} does not match ${JSON.stringify(event)}`).toBe(false);
}

const title = (example: Example) => `${example.pattern}  (${SOURCES[example.source]})`;

// Regular expressions ---------------------------------------------------------------------------

describe('Supported regular expressions (regex) syntax', () => {
  const examples: Example[] = [
    { source: 'regex', pattern: '%\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}%', matches: ['127.0.0.1', 'from 10.0.12.255 port 22'], misses: ['10.0.x.1'] },
    { source: 'regex', pattern: '%[Ee]rror|[Ff]ail%', matches: ['Error', 'an error', 'Fail', 'will fail'], misses: ['ERROR', 'FAIL'] },
    { source: 'regex', pattern: '%AUTHORIZED%', matches: ['[ERROR 401] UNAUTHORIZED REQUEST', '[SUCCESS 200] AUTHORIZED REQUEST'], misses: ['[ERROR 400] BAD REQUEST'] },
    { source: 'regex', pattern: '%^[hc]at%', matches: ['hat', 'cat', 'hat trick'], misses: ['a hat', 'bat'], note: 'only at the beginning of the string' },
    { source: 'regex', pattern: '%[hc]at$%', matches: ['hat', 'the cat'], misses: ['hats', 'cat food'], note: 'only at the end of the string' },
    { source: 'regex', pattern: '%colou?r%', matches: ['color', 'colour'], misses: ['colouur'] },
    { source: 'regex', pattern: '%[abc]%', matches: ['a', 'b', 'c'], misses: ['d', 'ABC'] },
    { source: 'regex', pattern: '%[a-z]%', matches: ['a', 'm', 'z'], misses: ['A', '0'] },
    { source: 'regex', pattern: '%[abcx-z]%', matches: ['a', 'b', 'c', 'x', 'y', 'z'], misses: ['d', 'w'] },
    { source: 'regex', pattern: '%a{3,5}%', matches: ['aaa', 'aaaa', 'aaaaa'], misses: ['aa', 'a a a'] },
    { source: 'regex', pattern: '%gra|ey%', matches: ['gray', 'grey'], misses: ['gry'] },
    {
      source: 'regex',
      pattern: '%^starting|^initializing|^shutting down%',
      matches: ['starting ...', 'initializing ...', 'shutting down'],
      misses: ['skipping initializing ...'],
      note: 'a regular expression may hold a space, as this one of AWS does, although the list of allowed characters omits it',
    },
    {
      source: 'regex',
      pattern: '%abcc|ab[^c]$%',
      matches: ['abcc ...', 'aba'],
      misses: ['aac ...'],
      note: 'the page leaves out the closing %; with $, "aba ..." can only match when "aba" ends the line',
    },
    { source: 'regex', pattern: '%\\[.\\]%', matches: ['[a]', '[b]', '[7]', '[@]', '[]]', '[ ]'], misses: ['[]', '[ab]'] },
    { source: 'regex', pattern: '%10\\.10\\.0\\.1%', matches: ['10.10.0.1'], misses: ['10010,051'] },
    { source: 'regex', pattern: '%10.10.0.1%', matches: ['10.10.0.1', '10010,051'], note: 'the unescaped . the page warns about' },
    { source: 'regex', pattern: '%ab*c%', matches: ['ac', 'abc', 'abbbc'], misses: ['adc'] },
    { source: 'regex', pattern: '%ab[0-9]*%', matches: ['ab', 'ab0', 'ab129'], misses: ['a0b'] },
    { source: 'regex', pattern: '%ab+c%', matches: ['abc', 'abbc', 'abbbc'], misses: ['ac'] },
    { source: 'regex', pattern: '%.at%', matches: ['hat', 'cat', 'bat', '4at', '#at', ' at'], misses: ['at'] },
    { source: 'regex', pattern: '%\\x3A%', matches: [':'], misses: ['x3A'] },
    { source: 'regex', pattern: '%\\x28%', matches: ['('], misses: ['x28'] },
  ];
  it.each(examples.map((example) => [title(example), example] as const))('%s', (_, example) => check(example));

  it.each<[string, string]>([
    ['%\\d%', '%[0-9]%'],
    ['%\\D%', '%[^0-9]%'],
    ['%\\w%', '%[a-zA-Z_0-9]%'],
    ['%\\W%', '%[^a-zA-Z_0-9]%'],
  ])(`%s is %s (${SOURCES.regex})`, (escape, set) => {
    for (const event of ['7', 'a', 'Z', '_', '-', ' ', '\t', 'é', '']) {
      expect(matchFilterPattern(escape, event).matched, JSON.stringify(event)).toBe(matchFilterPattern(set, event).matched);
    }
  });

  it(`\\s is tab, space and newline, \\S the rest (${SOURCES.regex})`, () => {
    for (const event of ['\t', ' ', '\n']) {
      expect(matchFilterPattern('%\\s%', event).matched).toBe(true);
      expect(matchFilterPattern('%\\S%', event).matched).toBe(false);
    }
    expect(matchFilterPattern('%\\S%', 'a').matched).toBe(true);
  });

  it(`refuses what the page rules out: !, parentheses, multi-byte characters, a third regex (${SOURCES.regex})`, () => {
    expect(validateFilterPattern('%something!%')).toBe('"!" is not supported in regular expressions at 10');
    expect(validateFilterPattern('%(ab)+%')).toBe('parentheses (subpatterns) are not supported in regular expressions at 1');
    expect(validateFilterPattern('%Größe%')).toBe('U+00F6 is not supported in regular expressions (multi-byte characters are not) at 3');
    expect(validateFilterPattern('[a = %x%, b = %y%, c = %z%]')).toBe('more than 2 regular expressions in one pattern at 23');
    expect(validateFilterPattern('{ $.a = %x% && $.b = %y% }')).toBeUndefined();
  });
});

// Unstructured log events -----------------------------------------------------------------------

const levels = ['[ERROR 400] BAD REQUEST', '[ERROR 401] UNAUTHORIZED REQUEST', '[ERROR 419] MISSING ARGUMENTS', '[ERROR 420] INVALID ARGUMENTS'];

describe('Using filter patterns to match terms in unstructured log events', () => {
  const examples: Example[] = [
    { source: 'unstructured', pattern: 'ERROR', matches: levels, misses: ['[SUCCESS 200] AUTHORIZED REQUEST', 'error'] },
    { source: 'unstructured', pattern: 'ERROR ARGUMENTS', matches: levels.slice(2), misses: levels.slice(0, 2) },
    { source: 'syntax', pattern: '?ERROR ?ARGUMENTS', matches: levels },
    {
      source: 'unstructured',
      pattern: '?ERROR ?ARGUMENTS',
      matches: ['[ERROR 400] BAD REQUEST', '[ERROR 419] MISSING ARGUMENTS', '[INFO] INVALID ARGUMENTS PROVIDED'],
      misses: ['[INFO] all good'],
    },
    {
      source: 'syntax',
      pattern: '?ERROR ?ARGUMENTS REQUEST',
      matches: ['[INFO] REQUEST FAILED', '[WARN] UNAUTHORIZED REQUEST', '[ERROR] 400 BAD REQUEST'],
      misses: ['[ERROR 419] MISSING ARGUMENTS'],
      note: 'next to another term, every ? term is ignored: the pattern is REQUEST',
    },
    { source: 'unstructured', pattern: '"INTERNAL SERVER ERROR"', matches: ['[ERROR 500] INTERNAL SERVER ERROR'], misses: ['[ERROR 500] SERVER ERROR, INTERNAL'] },
    { source: 'unstructured', pattern: 'ERROR -ARGUMENTS', matches: levels.slice(0, 2), misses: levels.slice(2) },
    { source: 'unstructured', pattern: '" "', matches: [...levels, '[SUCCESS 200] AUTHORIZED REQUEST', 'x'] },
    // The archived revision's examples.
    { source: 'archive', pattern: '""', matches: ['anything at all'] },
    { source: 'archive', pattern: 'ERROR', matches: ['[ERROR] A fatal exception has occurred', 'Exiting with ERRORCODE: -1'] },
    { source: 'archive', pattern: '"ERROR" - "Exiting"', matches: ['[ERROR] A fatal exception has occurred'], misses: ['Exiting with ERRORCODE: -1'] },
    { source: 'archive', pattern: 'ERROR Exception', matches: ['[ERROR] Caught IllegalArgumentException', '[ERROR] Unhandled Exception'], misses: ['[ERROR] Unhandled'] },
    {
      source: 'archive',
      pattern: 'Failed to process the request',
      matches: ['[WARN] Failed to process the request', '[ERROR] Unable to continue: Failed to process the request'],
      misses: ['[WARN] Failed to process it'],
    },
    { source: 'archive', pattern: 'ERROR', matches: ['ERROR WARN message', 'ERROR message'], misses: ['WARN message'] },
    { source: 'archive', pattern: '?ERROR ?WARN', matches: ['ERROR WARN message', 'ERROR message', 'WARN message'] },
    { source: 'archive', pattern: 'ERROR WARN', matches: ['ERROR WARN message'], misses: ['ERROR message', 'WARN message'] },
    { source: 'archive', pattern: 'ERROR -WARN', matches: ['ERROR message'], misses: ['ERROR WARN message', 'WARN message'] },
  ];
  it.each(examples.map((example) => [title(example), example] as const))('%s', (_, example) => check(example));
});

// JSON log events -------------------------------------------------------------------------------

/** The pages' sample JSON event, on one line as they say to test it. */
const cloudTrail = JSON.stringify({
  eventType: 'UpdateTrail',
  sourceIPAddress: '111.111.111.111',
  arrayKey: ['value', 'another value'],
  objectList: [
    { name: 'a', id: 1 },
    { name: 'b', id: 2 },
  ],
  SomeObject: null,
  'cluster.name': 'c',
});
/** The archived revision's sample: ThisFlag instead of cluster.name. */
const cloudTrailArchived = JSON.stringify({ ...JSON.parse(cloudTrail), 'cluster.name': undefined, ThisFlag: true });
const compound = JSON.stringify({
  user: { id: 1, email: 'John.Stiles@example.com' },
  users: [
    { id: 2, email: 'John.Doe@example.com' },
    { id: 3, email: 'Jane.Doe@example.com' },
  ],
  actions: ['GET', 'PUT', 'DELETE'],
  coordinates: [
    [0, 1, 2],
    [4, 5, 6],
    [7, 8, 9],
  ],
});

describe('Using filter patterns to match terms in JSON log events', () => {
  const examples: Example[] = [
    {
      source: 'json',
      pattern: '{ $.eventType = "UpdateTrail" }',
      matches: [cloudTrail, '{"eventType": "UpdateTrail", "source": "cloudtrail"}'],
      misses: ['{"eventType": "UserLogin", "userId": "123"}', '{"eventType": "ConfigUpdate", "component": "database"}'],
      note: 'the page lists all three as shapes the pattern "works with"; only the one whose eventType is UpdateTrail can match it',
    },
    { source: 'json', pattern: '{ $.sourceIPAddress != 123.123.* }', matches: [cloudTrail], misses: ['{"sourceIPAddress": "123.123.0.1"}'] },
    { source: 'json', pattern: '{ $.arrayKey[0] = "value" }', matches: [cloudTrail], misses: ['{"arrayKey": ["another value", "value"]}', '{"arrayKey": "value"}'] },
    { source: 'json', pattern: '{ $.eventType = %Trail% }', matches: [cloudTrail], misses: ['{"eventType": "UserLogin"}'] },
    { source: 'json', pattern: '{ $.arrayKey[*] = %val.{2}% }', matches: [cloudTrail], misses: ['{"arrayKey": ["va", "other"]}'] },
    { source: 'json', pattern: '{ $.* = %111\\.111\\.111\\.1[0-9]{1,2}% }', matches: [cloudTrail], misses: ['{"sourceIPAddress": "111.111.111.2"}'] },
    { source: 'json', pattern: '{ $.[\'cluster.name\'] = "c" }', matches: [cloudTrail], misses: ['{"cluster": {"name": "c"}}'] },
    { source: 'json', pattern: '{ $.SomeObject IS NULL }', matches: [cloudTrail], misses: ['{"SomeObject": {}}', '{}'] },
    { source: 'json', pattern: '{ $.SomeOtherObject NOT EXISTS }', matches: [cloudTrail], misses: ['{"SomeOtherObject": null}'] },
    { source: 'json', pattern: '{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }', matches: [compound] },
    { source: 'json', pattern: '{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch" && $.actions[2] = "nonmatch" }', matches: [compound] },
    { source: 'json', pattern: '{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch") && $.actions[2] = "nonmatch" }', matches: [], misses: [compound] },
    { source: 'json', pattern: '{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }', matches: [], misses: [compound] },
    // The archived revision's JSON examples.
    { source: 'archive', pattern: '{ $.objectList[1].id = 2 }', matches: [cloudTrailArchived], misses: ['{"objectList": {"1": {"id": 2}}}'] },
    { source: 'archive', pattern: '{ $.ThisFlag IS TRUE }', matches: [cloudTrailArchived], misses: ['{"ThisFlag": "true"}'] },
    { source: 'archive', pattern: '{ $.ThisFlag IS FALSE }', matches: ['{"ThisFlag": false}'], misses: [cloudTrailArchived] },
    { source: 'archive', pattern: '{$.foo = bar}', matches: ['{"foo": "bar"}'], misses: ['{"foo": "baz"}'] },
    { source: 'archive', pattern: '{$.foo = baz }', matches: ['{"foo": "baz"}'], misses: ['{"foo": "bar"}'] },
    { source: 'archive', pattern: '{$.foo = bar || $.foo = baz }', matches: ['{"foo": "bar"}', '{"foo": "baz"}'] },
    { source: 'archive', pattern: '{ $.eventName = *Event }', matches: ['{"eventName": "PutEvent"}', '{"eventName": "GetEvent"}'], misses: ['{"eventName": "EventId"}'] },
    { source: 'archive', pattern: '{ $.eventName = Event* }', matches: ['{"eventName": "EventId"}', '{"eventName": "EventName"}'], misses: ['{"eventName": "PutEvent"}'] },
    {
      source: 'archive',
      pattern: '{ $.eventName = Ev*ent }',
      matches: ['{"eventName": "Ev*ent"}'],
      misses: ['{"eventName": "Event"}', '{"eventName": "EvXent"}'],
      note: 'a * inside the text is the character itself: "Ev*ent will only match the actual string Ev*ent"',
    },
    { source: 'archive', pattern: '{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }', matches: [compound] },
    { source: 'archive', pattern: '{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch) && $.actions[2] = nomatch }', matches: [], misses: [compound] },
    { source: 'archive', pattern: '{$.users = 1}', matches: [], misses: ['{"users": [1, 2, 3]}'], note: 'a selector that reaches an array or an object never matches' },
    { source: 'archive', pattern: '{$.users != 1}', matches: [], misses: ['{"users": [1, 2, 3]}'] },
  ];
  it.each(examples.map((example) => [title(example), example] as const))('%s', (_, example) => check(example));

  it(`compares numbers: the page's numeric patterns, on events of ours (${SOURCES.json}, ${SOURCES.archive})`, () => {
    // The pages give these patterns without events.
    const event = JSON.stringify({
      bandwidth: 80,
      latency: 40,
      refreshRate: 60,
      responseTime: 5,
      errorCode: 400,
      number: [1000],
      numbers: [0.001],
      processes: [0, 0, 0, 0, { averageRuntime: 55.5 }],
    });
    const other = JSON.stringify({
      bandwidth: 75,
      latency: 50,
      refreshRate: 59,
      responseTime: 6,
      errorCode: 500,
      number: [0.001],
      numbers: [10000],
      processes: [0, 0, 0, 0, { averageRuntime: 56 }],
    });
    for (const pattern of [
      '{ $.bandwidth > 75 }',
      '{ $.latency < 50 }',
      '{ $.refreshRate >= 60 }',
      '{ $.responseTime <= 5 }',
      '{ $.errorCode = 400}',
      '{ $.errorCode != 500 }',
      '{ $.number[0] = 1e+3 }',
      '{ $.number[0] != 1e-3 }',
      '{ $.numbers[0] < 10e3 }',
      '{ $.numbers[0] < 10e-3 }',
      '{ $.processes[4].averageRuntime <= 55.5 }',
    ]) {
      expect(matchFilterPattern(pattern, event).matched, pattern).toBe(true);
      expect(matchFilterPattern(pattern, other).matched, pattern).toBe(false);
    }
    expect(matchFilterPattern('{ $.latency >= 500 }', '{"latency": 500}').matched).toBe(true);
    expect(matchFilterPattern('{ $.latency > +1000 }', '{"latency": 1001}').matched).toBe(true);
    expect(matchFilterPattern('{ $.latency > +1000 }', '{"latency": 1000}').matched).toBe(false);
  });

  it(`refuses IS NOT and EXISTS, which the page says are not supported (${SOURCES.json})`, () => {
    expect(validateFilterPattern('{ $.SomeObject IS NOT NULL }')).toBe('IS NOT is not supported: use IS NULL, IS TRUE, IS FALSE or NOT EXISTS at 15');
    expect(validateFilterPattern('{ $.SomeObject EXISTS }')).toBe('EXISTS is not supported (only NOT EXISTS): to match a field with a value, use = * at 15');
  });

  it(`holds the quotas: one wildcard per selector, three per pattern (${SOURCES.json})`, () => {
    expect(validateFilterPattern('{ $.a[*].b[*] = 1 }')).toBe('a selector may hold 1 wildcard (*) at most at 2');
    expect(validateFilterPattern('{ $.a[*] = 1 || $.b.* = 1 || $.*.c = 1 }')).toBeUndefined();
    expect(validateFilterPattern('{ $.a[*] = 1 || $.b.* = 1 || $.*.c = 1 || $.d[*] = 1 }')).toBe('a pattern may hold 3 wildcard selectors at most at 42');
  });
});

// Space-delimited log events --------------------------------------------------------------------

const prod = '127.0.0.1 Prod frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534';
const service = [
  'INFO 09/25/2014 12:00:00 GET /service/resource/67 1200',
  'INFO 09/25/2014 12:00:01 POST /service/resource/67/part/111 1310',
  'WARNING 09/25/2014 12:00:02 Invalid user request',
  'ERROR 09/25/2014 12:00:02 Failed to process request',
];
const apache = [
  '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534',
  '127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /apache_pb.gif HTTP/1.0" 500 5324',
  '127.0.0.1 - frank [10/Oct/2000:13:50:35 -0700] "GET /apache_pb.gif HTTP/1.0" 200 4355',
];

describe('Using filter patterns to match terms in space-delimited log events', () => {
  const examples: Example[] = [
    {
      source: 'spaceDelimited',
      pattern: '[ip=%127\\.0\\.0\\.[1-9]%, user, username, timestamp, request =*.html*, status_code = 4*, bytes]',
      matches: [prod],
      misses: [prod.replace('127.0.0.1', '127.0.0.0')],
    },
    { source: 'spaceDelimited', pattern: '[..., request =*.html*, status_code = 4*, bytes]', matches: [prod], misses: [prod.replace('404', '200')] },
    {
      source: 'spaceDelimited',
      pattern: '[ip, user, username, timestamp, request =*.html*, status_code = 404 || status_code = 410, bytes]',
      matches: [prod, prod.replace('404', '410')],
      misses: [prod.replace('404', '400')],
    },
    {
      source: 'spaceDelimited',
      pattern: '[w1=ERROR, w2]',
      matches: [service[3]!],
      misses: service.slice(0, 3),
      note: 'the last field takes the rest of the line: the page\'s events have six and seven fields. The archived revision says [w1=ERROR, w2] matches "ERROR message" and not "ERROR WARN message"; the current page wins',
    },
    { source: 'spaceDelimited', pattern: '[w1=ERROR || w1=WARNING, w2]', matches: service.slice(2), misses: service.slice(0, 2) },
    { source: 'spaceDelimited', pattern: '[w1!=ERROR && w1!=WARNING, w2]', matches: service.slice(0, 2), misses: service.slice(2) },
    { source: 'spaceDelimited', pattern: '[logLevel, date, time, method, url=%/service/resource/[0-9]+$%, response_time]', matches: [service[0]!], misses: service.slice(1) },
    {
      source: 'spaceDelimited',
      pattern: '[logLevel, date, time, method, url=%/service/resource/[0-9]+/part/[0-9]+$%, response_time]',
      matches: [service[1]!],
      misses: [service[0]!, ...service.slice(2)],
    },
    // The metric filters page.
    { source: 'metricFilters', pattern: '[w1=ERROR || w1=%WARN%, w2]', matches: service.slice(2), misses: service.slice(0, 2), note: 'ERROR, or any superstring of WARN' },
    // The archived revision's examples, on its three Apache lines.
    { source: 'archive', pattern: '[ip, user, username, timestamp, request, status_code, bytes]', matches: apache },
    { source: 'archive', pattern: '[..., status_code, bytes]', matches: apache },
    { source: 'archive', pattern: '[ip, user, ..., status_code, bytes]', matches: apache },
    { source: 'archive', pattern: '[ip, user, ...]', matches: apache },
    { source: 'archive', pattern: '[ip, user, username, timestamp, request, status_code, bytes > 1000]', matches: apache, misses: [apache[0]!.replace('1534', '999')] },
    { source: 'archive', pattern: '[ip, user, username, timestamp, request, status_code = 200, bytes]', matches: [apache[0]!, apache[2]!], misses: [apache[1]!] },
    { source: 'archive', pattern: '[ip, user, username, timestamp, request, status_code = 4*, bytes]', matches: [prod], misses: apache },
    { source: 'archive', pattern: '[ip, user, username, timestamp, request = *html*, status_code = 4*, bytes]', matches: [prod], misses: apache },
    { source: 'archive', pattern: '[ip, user, username, timestamp, request, status_code = 403 || status_code = 404, bytes]', matches: [prod], misses: apache },
    {
      source: 'archive',
      pattern: '[ip, user, username, timestamp, request, status_code = 4* && status_code != 403, bytes]',
      matches: [prod],
      misses: [prod.replace('404', '403'), ...apache],
    },
    {
      source: 'archive',
      pattern: '[w1=ERROR || w1=WARN, w2]',
      matches: ['ERROR WARN message', 'ERROR message', 'WARN message'],
      note: 'the archived revision says patterns 2 and 3 only; under the current page\'s rule (the last field takes the rest) "ERROR WARN message" matches too',
    },
    {
      source: 'archive',
      pattern: '[w1!=ERROR&&w1!=WARN, w2]',
      matches: ['INFO message'],
      misses: ['ERROR WARN message', 'ERROR message', 'WARN message'],
      note: 'the archived revision says this matches "ERROR WARN message"; its first word is ERROR, so != ERROR cannot hold',
    },
  ];
  it.each(examples.map((example) => [title(example), example] as const))('%s', (_, example) => check(example));

  it(`extracts the fields of the dimensions example (${SOURCES.metricFilters})`, () => {
    expect(matchFilterPattern('[ip, server, username, timestamp, request, status_code, bytes > 1000]', prod)).toEqual({
      matched: true,
      extractedFields: {
        $bytes: '1534',
        $status_code: '404',
        $request: 'GET /index.html HTTP/1.0',
        $timestamp: '10/Oct/2000:13:25:15 -0700',
        $username: 'frank',
        $server: 'Prod',
        $ip: '127.0.0.1',
      },
    });
  });

  it(`refuses the archived "status_code = 4* && bytes > 1000" (a comma left out: a condition tests one field) (${SOURCES.archive})`, () => {
    expect(validateFilterPattern('[ip, user, username, timestamp, request, status_code = 4* && bytes > 1000]')).toBe(
      'a condition inside field "status_code" can only test "status_code" at 61',
    );
  });
});

// JSON: the metric filters page -----------------------------------------------------------------

describe('Filter pattern syntax for metric filters', () => {
  const examples: Example[] = [
    {
      source: 'metricFilters',
      pattern: '{ $.eventType = "*" && $.sourceIPAddress != 123.123.* }',
      matches: [JSON.stringify({ eventType: 'UpdateTrail', sourceIPAddress: '111.111.111.111', arrayKey: ['value', 'another value'] })],
      misses: ['{"sourceIPAddress": "111.111.111.111"}'],
    },
    {
      source: 'metricFilters',
      pattern: '{ $.latency = * }',
      matches: ['{"latency": 50, "requestType": "GET"}'],
      misses: ['{"requestType": "GET"}', '{"latency": null}'],
      note: 'a * matches numbers too: the page publishes the 50 it matched',
    },
    { source: 'archive', pattern: '{ $.latency = * }', matches: ['{"latency": 50, "requestType": "GET"}'] },
  ];
  it.each(examples.map((example) => [title(example), example] as const))('%s', (_, example) => check(example));
});

// TestMetricFilter ------------------------------------------------------------------------------

describe(`TestMetricFilter's documented requests and responses (${SOURCES.testMetricFilter})`, () => {
  /** Like the API: the matching events' numbers, and what each extracted. */
  function testMetricFilter(pattern: string, messages: string[]) {
    return messages.flatMap((message, eventNumber) => {
      const { matched, extractedFields } = matchFilterPattern(pattern, message);
      return matched ? [{ eventNumber, extractedValues: extractedFields ?? {} }] : [];
    });
  }
  const fields = (timestamp: string, request: string) => ({ $1: '127.0.0.1', $2: '-', $3: 'frank', $4: timestamp, $5: request });

  it('on Apache access.log events', () => {
    // The page's response gives "$size": "1534," and "5324," for the first two events; their
    // messages end "1534" and "5324", and the third's "4355" has no comma: a typo on the page.
    expect(testMetricFilter('[ip, identity, user_id, timestamp, request, status_code, size]', apache)).toEqual(
      [
        ['200', '1534', '10/Oct/2000:13:25:15 -0700'],
        ['500', '5324', '10/Oct/2000:13:35:22 -0700'],
        ['200', '4355', '10/Oct/2000:13:50:35 -0700'],
      ].map(([status, size, timestamp], eventNumber) => ({
        eventNumber,
        extractedValues: { $status_code: status, $identity: '-', $request: 'GET /apache_pb.gif HTTP/1.0', $size: size, $user_id: 'frank', $ip: '127.0.0.1', $timestamp: timestamp },
      })),
    );
  });

  it('without specifying all the fields: [..., size]', () => {
    expect(testMetricFilter('[..., size]', apache)).toEqual([
      { eventNumber: 0, extractedValues: { $size: '1534', $6: '200', ...fields('10/Oct/2000:13:25:15 -0700', 'GET /apache_pb.gif HTTP/1.0') } },
      { eventNumber: 1, extractedValues: { $size: '5324', $6: '500', ...fields('10/Oct/2000:13:35:22 -0700', 'GET /apache_pb.gif HTTP/1.0') } },
      { eventNumber: 2, extractedValues: { $size: '4355', $6: '200', ...fields('10/Oct/2000:13:50:35 -0700', 'GET /apache_pb.gif HTTP/1.0') } },
    ]);
  });

  it('without specifying any fields: [] matches every event and extracts every field by position', () => {
    expect(testMetricFilter('[]', apache)).toEqual([
      { eventNumber: 0, extractedValues: { $7: '1534', $6: '200', ...fields('10/Oct/2000:13:25:15 -0700', 'GET /apache_pb.gif HTTP/1.0') } },
      { eventNumber: 1, extractedValues: { $7: '5324', $6: '500', ...fields('10/Oct/2000:13:35:22 -0700', 'GET /apache_pb.gif HTTP/1.0') } },
      { eventNumber: 2, extractedValues: { $7: '4355', $6: '200', ...fields('10/Oct/2000:13:50:35 -0700', 'GET /apache_pb.gif HTTP/1.0') } },
    ]);
  });

  it('matching successful requests: [..., status_code=200, size]', () => {
    expect(testMetricFilter('[..., status_code=200, size]', apache)).toEqual([
      { eventNumber: 0, extractedValues: { $status_code: '200', $size: '1534', ...fields('10/Oct/2000:13:25:15 -0700', 'GET /apache_pb.gif HTTP/1.0') } },
      { eventNumber: 2, extractedValues: { $status_code: '200', $size: '4355', ...fields('10/Oct/2000:13:50:35 -0700', 'GET /apache_pb.gif HTTP/1.0') } },
    ]);
  });

  it('matching 4XX response codes for HTML pages: a trailing comma is an unnamed last field', () => {
    const messages = [
      '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534',
      '127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /about-us/index.html HTTP/1.0" 200 5324',
      '127.0.0.1 - frank [10/Oct/2000:13:50:35 -0700] "GET /apache_pb.gif HTTP/1.0" 404 4355',
      '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /products/index.html HTTP/1.0" 400 1534',
    ];
    const { $5: _, ...withoutRequest } = fields('10/Oct/2000:13:25:15 -0700', '');
    // The User Guide's copy of this example (archived revision) extracts "$request": "GET
    // /products/index.html HTTP/1.0" from the /index.html event: TestMetricFilter's response wins.
    expect(testMetricFilter('[..., request=*.html*, status_code=4*,]', messages)).toEqual([
      { eventNumber: 0, extractedValues: { $status_code: '404', $request: 'GET /index.html HTTP/1.0', $7: '1534', ...withoutRequest } },
      { eventNumber: 3, extractedValues: { $status_code: '400', $request: 'GET /products/index.html HTTP/1.0', $7: '1534', ...withoutRequest } },
    ]);
  });

  const app = [
    '02 May 2014 00:34:12,525 [INFO] Starting the application',
    '02 May 2014 00:35:14,245 [DEBUG] Database connection established',
    '02 May 2014 00:34:14,663 [INFO] Executing SQL Query',
    '02 May 2014 00:34:16,142 [ERROR] Unhanded exception: InvalidQueryException',
    '02 May 2014 00:34:16,224 [ERROR] Terminating the application',
  ];

  it('matching occurrences of "[ERROR]"', () => {
    expect(testMetricFilter('"[ERROR]"', app)).toEqual([
      { eventNumber: 3, extractedValues: {} },
      { eventNumber: 4, extractedValues: {} },
    ]);
  });

  it('matching occurrences of "[ERROR]" and "Exception"', () => {
    expect(testMetricFilter('"[ERROR]" Exception', app)).toEqual([{ eventNumber: 3, extractedValues: {} }]);
  });
});
