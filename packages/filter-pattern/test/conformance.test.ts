/**
 * The matcher on the cases AWS's pages leave implicit (aws-docs.test.ts holds every documented
 * example with its source): aws-cdk-lib's FilterPattern renderings, escapes, case, JSON value
 * nodes, space-delimited field counts, and the regex subset checked against JavaScript's RegExp
 * where the two agree.
 */
import { describe, expect, it } from 'vitest';
import { matchFilterPattern } from '../src/index.js';

const unstructured = [
  '[ERROR 400] BAD REQUEST',
  '[ERROR 401] UNAUTHORIZED REQUEST',
  '[ERROR 419] MISSING ARGUMENTS',
  '[ERROR 420] INVALID ARGUMENTS',
  '[ERROR 500] INTERNAL SERVER ERROR',
  '[SUCCESS 200] AUTHORIZED REQUEST',
];

describe('unstructured log events', () => {
  it.each<[string, string[]]>([
    ['ERROR', unstructured.slice(0, 5)],
    ['ERROR ARGUMENTS', ['[ERROR 419] MISSING ARGUMENTS', '[ERROR 420] INVALID ARGUMENTS']],
    ['?ERROR ?ARGUMENTS', unstructured.slice(0, 5)],
    ['?ARGUMENTS ?SUCCESS', ['[ERROR 419] MISSING ARGUMENTS', '[ERROR 420] INVALID ARGUMENTS', '[SUCCESS 200] AUTHORIZED REQUEST']],
    ['"INTERNAL SERVER ERROR"', ['[ERROR 500] INTERNAL SERVER ERROR']],
    ['ERROR -ARGUMENTS', ['[ERROR 400] BAD REQUEST', '[ERROR 401] UNAUTHORIZED REQUEST', '[ERROR 500] INTERNAL SERVER ERROR']],
    ['" "', unstructured],
    ['""', unstructured],
    ['', unstructured],
    ['%AUTHORIZED%', ['[ERROR 401] UNAUTHORIZED REQUEST', '[SUCCESS 200] AUTHORIZED REQUEST']],
    ['%ERROR 4[0-9]{2}%'.replace(' ', '\\s'), unstructured.slice(0, 4)],
    ['error', []],
  ])('%j matches exactly the documented events', (pattern, expected) => {
    expect(unstructured.filter((message) => matchFilterPattern(pattern, message).matched)).toEqual(expected);
  });

  it("reads aws-cdk's anyTermGroup as CloudWatch Logs does: the ? terms are ignored next to plain ones", () => {
    // aws-cdk documents FilterPattern.anyTermGroup(['ERROR', 'MainThread'], ['WARN', 'Deadlock']) as
    // "(ERROR and MainThread) or (WARN and Deadlock)" and renders ?"ERROR" "MainThread" ?"WARN"
    // "Deadlock". The User Guide: combined with other terms, "all question mark terms will be
    // ignored" (?ERROR ?ARGUMENTS REQUEST is REQUEST). We follow CloudWatch Logs: MainThread and Deadlock.
    const pattern = '?"ERROR" "MainThread" ?"WARN" "Deadlock"';
    expect(matchFilterPattern(pattern, 'ERROR in MainThread').matched).toBe(false);
    expect(matchFilterPattern(pattern, 'WARN Deadlock found').matched).toBe(false);
    expect(matchFilterPattern(pattern, 'MainThread Deadlock').matched).toBe(true);
    expect(matchFilterPattern('?ERROR -DEBUG', 'ERROR DEBUG').matched).toBe(false);
    expect(matchFilterPattern('?ERROR -DEBUG', 'all fine').matched).toBe(true);
    expect(matchFilterPattern('"ERROR" "MainThread"', 'MainThread: ERROR').matched).toBe(true);
  });

  it('unescapes quotes and backslashes in quoted terms, as aws-cdk quotes them', () => {
    expect(matchFilterPattern('"say \\"hi\\" C:\\\\dir"', 'they say "hi" C:\\dir').matched).toBe(true);
  });

  it('is case sensitive', () => {
    expect(matchFilterPattern('ERROR', 'error').matched).toBe(false);
  });
});

const cloudTrail = JSON.stringify({
  eventType: 'UpdateTrail',
  sourceIPAddress: '111.111.111.111',
  arrayKey: ['value', 'another value'],
  objectList: [
    { name: 'a', id: 1 },
    { name: 'b', id: 2 },
  ],
  SomeObject: null,
  cluster: { name: 'c1' },
  ThisFlag: true,
  latency: 50,
});

describe('JSON log events', () => {
  it.each<[string, boolean]>([
    ['{ $.eventType = "UpdateTrail" }', true],
    ['{ $.eventType = UpdateTrail }', true],
    ['{ $.eventType = "Update*" }', true],
    ['{ $.eventType = "*Trail" }', true],
    ['{ $.eventType = "Delete*" }', false],
    ['{ $.sourceIPAddress != 123.123.* }', true],
    ['{ $.sourceIPAddress != 111.111.* }', false],
    ['{ $.arrayKey[0] = "value" }', true],
    ['{ $.arrayKey[1] = "value" }', false],
    ['{ $.arrayKey[*] = "another value" }', true],
    ['{ $.objectList[1].id = 2 }', true],
    ['{ $.objectList[1].id = 1 }', false],
    ['{ $.objectList[*].name = "b" }', true],
    ['{ $.SomeObject IS NULL }', true],
    ['{ $.ThisFlag IS NULL }', false],
    ['{ $.SomeOtherObject NOT EXISTS }', true],
    ['{ $.SomeObject NOT EXISTS }', false],
    ['{ $.ThisFlag IS TRUE }', true],
    ['{ $.ThisFlag IS FALSE }', false],
    ['{ $.cluster.name = "c1" }', true],
    ["{ $.['cluster'].name = c1 }", true],
    ['{ $.*.name = "c1" }', true],
    ['{ $.latency > 49 }', true],
    ['{ $.latency >= 50 }', true],
    ['{ $.latency < 50 }', false],
    ['{ $.latency <= 50.0 }', true],
    ['{ $.latency = 5e1 }', true],
    ['{ $.latency != 50 }', false],
    ['{ $.eventType > 1 }', false],
    ['{ $.eventType = %Update[A-Z]rail% }', true],
    ['{ $.eventType = "UpdateTrail" && $.ThisFlag IS TRUE }', true],
    ['{ $.eventType = "UpdateTrail" && $.ThisFlag IS FALSE }', false],
    ['{ $.eventType = "Other" || $.latency = 50 }', true],
  ])('%s → %s', (pattern, expected) => {
    expect(matchFilterPattern(pattern, cloudTrail).matched).toBe(expected);
  });

  const users = JSON.stringify({
    user: { id: 1, email: 'John.Doe@example.com' },
    users: [
      { id: 2, email: 'John.Doe@example.com' },
      { id: 3, email: 'Jane.Doe@example.com' },
    ],
    actions: ['GET', 'PUT', 'DELETE'],
    coordinates: [
      [0, 1],
      [2, 3],
    ],
  });

  it.each<[string, boolean]>([
    ['{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }', true],
    ['{ ($.user.id = 2 && $.users[0].email = "John.Doe@example.com") || $.actions[2] = "GET" }', false],
    ['{ $.user.email = "John.Doe@example.com" || $.coordinates[0][1] = "nonmatch" && $.actions[2] = "nonmatch" }', true],
    ['{ ($.user.email = "John.Doe@example.com" || $.coordinates[0][1] = "nonmatch") && $.actions[2] = "nonmatch" }', false],
    ['{ $.coordinates[1][0] = 2 }', true],
  ])('compound expression %s → %s (&& binds tighter than ||)', (pattern, expected) => {
    expect(matchFilterPattern(pattern, users).matched).toBe(expected);
  });

  it('never matches a message that is not JSON', () => {
    expect(matchFilterPattern('{ $.level = "ERROR" }', 'level=ERROR').matched).toBe(false);
    expect(matchFilterPattern('{ $.level NOT EXISTS }', '[ERROR] boom').matched).toBe(false);
    expect(matchFilterPattern('{ $.level = "ERROR" }', '{"level":"ERROR"').matched).toBe(false);
  });

  it("reads aws-cdk's JSON patterns", () => {
    expect(matchFilterPattern('{ ($.component = "HttpServer") && (($.error IS TRUE) || ($.latency > 1000)) }', '{"component":"HttpServer","latency":1500}').matched).toBe(true);
    expect(matchFilterPattern('{ $.component = "HttpServer" && ($.error IS TRUE || $.latency > 1000) }', '{"component":"HttpServer","latency":15}').matched).toBe(false);
  });
});

const apache = '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534';
const apache404 = '127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /index.html HTTP/1.0" 404 534';

describe('JSON value nodes', () => {
  it('compares strings, wildcards and regular expressions with numbers by their text', () => {
    expect(matchFilterPattern('{ $.code = 4* }', '{"code": 404}').matched).toBe(true);
    expect(matchFilterPattern('{ $.code = "404" }', '{"code": 404}').matched).toBe(true);
    expect(matchFilterPattern('{ $.code = %^40% }', '{"code": 404}').matched).toBe(true);
    expect(matchFilterPattern('{ $.code != 5* }', '{"code": 404}').matched).toBe(true);
  });

  it('compares numbers with numeric strings by value', () => {
    expect(matchFilterPattern('{ $.accountId = 123456789012 }', '{"accountId": "123456789012"}').matched).toBe(true);
    expect(matchFilterPattern('{ $.latency > 100 }', '{"latency": "150"}').matched).toBe(true);
    expect(matchFilterPattern('{ $.latency > 100 }', '{"latency": "slow"}').matched).toBe(false);
  });

  it('never compares objects, arrays, booleans or null', () => {
    for (const value of ['{}', '[]', 'true', 'null']) {
      expect(matchFilterPattern('{ $.v = * }', `{"v": ${value}}`).matched, value).toBe(false);
      expect(matchFilterPattern('{ $.v != x }', `{"v": ${value}}`).matched, value).toBe(false);
    }
  });

  it('reads a * anywhere but at the ends as the character', () => {
    expect(matchFilterPattern('{ $.m = "*a*a*b" }', '{"m": "xa*a*b"}').matched).toBe(true);
    expect(matchFilterPattern('{ $.m = "*a*a*b" }', '{"m": "xaxaxb"}').matched).toBe(false);
    expect(matchFilterPattern('{ $.m = "**" }', '{"m": ""}').matched).toBe(true);
  });
});

describe('space-delimited log events', () => {
  it('extracts every field, brackets and quotes holding one field each: named ones by name, the others by position', () => {
    expect(matchFilterPattern('[ip, user, username, timestamp, request, status_code, bytes]', apache)).toEqual({
      matched: true,
      extractedFields: {
        $ip: '127.0.0.1',
        $user: '-',
        $username: 'frank',
        $timestamp: '10/Oct/2000:13:25:15 -0700',
        $request: 'GET /apache_pb.gif HTTP/1.0',
        $status_code: '200',
        $bytes: '1534',
      },
    });
    expect(matchFilterPattern('[ip, , ..., bytes]', apache).extractedFields).toEqual({
      $ip: '127.0.0.1',
      $2: '-',
      $3: 'frank',
      $4: '10/Oct/2000:13:25:15 -0700',
      $5: 'GET /apache_pb.gif HTTP/1.0',
      $6: '200',
      $bytes: '1534',
    });
  });

  it.each<[string, boolean, boolean]>([
    ['[ip, user, username, timestamp, request, status_code = 4*, bytes]', false, true],
    ['[ip, user, username, timestamp, request = *html*, status_code = 4*, bytes]', false, true],
    ['[ip, user, username, timestamp, request, status_code = 200, bytes > 1000]', true, false],
    ['[ip, user, username, timestamp, request, status_code != 200, bytes]', false, true],
    ['[ip, user, username, timestamp, request, status_code = 200 || status_code = 404, bytes]', true, true],
    ['[ip, user, username, timestamp, request, status_code >= 400 && status_code < 500, bytes]', false, true],
    ['[..., status_code = 404, bytes]', false, true],
    ['[ip, ..., bytes > 1000]', true, false],
    ['[ip = 127.0.0.1, ...]', true, true],
    ['[ip, user, username, timestamp, request, status_code, bytes,]', false, false],
    ['[ip, user, username, timestamp, request, status_code,]', true, true],
    ['[ip, user, username, timestamp, request, status_code, bytes, more]', false, false],
    ['[ip, user, username, timestamp, request, status_code = %^4%, bytes]', false, true],
  ])('%s → %s, %s', (pattern, on200, on404) => {
    expect([matchFilterPattern(pattern, apache).matched, matchFilterPattern(pattern, apache404).matched]).toEqual([on200, on404]);
  });

  it("reads aws-cdk's spaceDelimited(...).whereString/whereNumber", () => {
    const pattern = '[time, component=HttpServer, ..., result_code!=200, latency]';
    expect(matchFilterPattern(pattern, '2026-01-01T00:00:00Z HttpServer GET /x 500 12').matched).toBe(true);
    expect(matchFilterPattern(pattern, '2026-01-01T00:00:00Z HttpServer GET /x 200 12').matched).toBe(false);
  });

  it('gives the rest of a longer line to the last field, and refuses a shorter one', () => {
    expect(matchFilterPattern('[w1=ERROR, w2]', 'ERROR 401')).toEqual({ matched: true, extractedFields: { $w1: 'ERROR', $w2: '401' } });
    expect(matchFilterPattern('[w1=ERROR, w2]', 'ERROR 401 "bad request" [x] \t')).toEqual({ matched: true, extractedFields: { $w1: 'ERROR', $w2: '401 "bad request" [x]' } });
    expect(matchFilterPattern('[w1=ERROR, w2=401]', 'ERROR 401 extra').matched).toBe(false);
    expect(matchFilterPattern('[w1=ERROR, w2]', 'ERROR').matched).toBe(false);
    expect(matchFilterPattern('[ip, user, username]', apache)).toEqual({
      matched: true,
      extractedFields: { $ip: '127.0.0.1', $user: '-', $username: 'frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534' },
    });
  });

  it('lets each ellipsis take as few fields as it can when several alignments fit', () => {
    expect(matchFilterPattern('[..., a = x, ...]', 'p x q x r').extractedFields).toEqual({ $1: 'p', $a: 'x', $3: 'q', $4: 'x', $5: 'r' });
    expect(matchFilterPattern('[..., a = x, ..., b = y]', 'x x y').extractedFields).toEqual({ $a: 'x', $2: 'x', $b: 'y' });
    expect(matchFilterPattern('[..., a = x, ..., b = y]', 'y x').matched).toBe(false);
    expect(matchFilterPattern('[...]', '').matched).toBe(true);
    expect(matchFilterPattern('[]', '   ').matched).toBe(true);
  });
});
