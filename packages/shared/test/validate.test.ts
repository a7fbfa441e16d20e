import { describe, expect, it } from 'vitest';
import { checkAlarmEmail, checkFilterName, checkFilterPattern, checkLogGroupName, checkProjectName } from '../src/index.js';

describe('checkLogGroupName (1-512 of [.-_/#A-Za-z0-9])', () => {
  it.each(['/aws/lambda/versions', 'a', 'API-Gateway-Execution-Logs_abc/prod', '#.-_/', 'x'.repeat(512)])('accepts %s', (name) => {
    expect(checkLogGroupName(name)).toBeUndefined();
  });
  it.each([
    ['', /is required/],
    ['x'.repeat(513), /513 characters long; AWS allows at most 512/],
    ['/aws/lambda/my function', /contains a space/],
    ['/aws/lambda/fn:1', /contains ":"/],
    ['/aws/lambda/*', /contains "\*"/],
    ['/aws/lambda/größe', /contains the character U\+00F6/],
    ['/a\tb', /contains white space/],
  ])('refuses %j', (name, message) => {
    expect(checkLogGroupName(name)).toMatch(message);
  });
});

describe('checkFilterName (1-512, no : or *)', () => {
  it.each(['my-app-aws-lambda-versions', 'Errors to Slack', 'größe/#1', 'x'.repeat(512)])('accepts %s', (name) => {
    expect(checkFilterName(name)).toBeUndefined();
  });
  it.each([
    ['', /must not be empty/],
    ['x'.repeat(513), /AWS allows at most 512/],
    ['a:b', /contains ":"/],
    ['a*', /contains "\*"/],
    ['a\nb', /contains white space/],
  ])('refuses %j', (name, message) => {
    expect(checkFilterName(name)).toMatch(message);
  });
});

describe('checkFilterPattern', () => {
  it.each(['', ' ', 'ERROR', '{ $.level = "ERROR" }', '[ip, user, ..., status_code = 4*, size > 100]'])('accepts %j', (pattern) => {
    expect(checkFilterPattern(pattern)).toBeUndefined();
  });
  it('refuses a pattern over 1024 characters', () => {
    expect(checkFilterPattern('a'.repeat(1025))).toMatch(/1024/);
  });
  it('refuses an unclosed quote, with its position', () => {
    expect(checkFilterPattern('ERROR "unclosed')).toMatch(/quote.*\b6\b/);
  });
});

describe('checkAlarmEmail (empty: no notifications)', () => {
  it.each(['', 'ops@example.com', 'a.b+alerts@sub.example.co.uk'])('accepts %j', (value) => {
    expect(checkAlarmEmail(value)).toBeUndefined();
  });
  it.each([
    ['ops', /"ops" is not an email address/],
    ['ops@example', /is not an email address/],
    ['ops @example.com', /is not an email address/],
    [`${'a'.repeat(250)}@example.com`, /at most 254/],
  ])('refuses %j', (value, message) => {
    expect(checkAlarmEmail(value)).toMatch(message);
  });
});

describe('checkProjectName (an npm name that starts with a letter)', () => {
  it.each(['my-app', 'a', 'log.lambda_2', 'x'.repeat(123), `${'a-'.repeat(100)}b`])('accepts %s', (name) => {
    expect(checkProjectName(name)).toBeUndefined();
  });
  it.each([
    ['', /is required/],
    ['x'.repeat(215), /npm allows at most 214/],
    ['My-App', /must start with a lowercase letter/],
    ['1app', /must start with a lowercase letter/],
    ['.app', /must start with a lowercase letter/],
    ['my app', /contains a space/],
    ['my-App', /contains "A"/],
    ['@scope/app', /must start with a lowercase letter/],
    ['app/x', /contains "\/"/],
    ['node_modules', /reserved/],
    // Its stack name (PascalCase + Stack) would pass CloudFormation's 128 characters: CDK would cut it.
    ['x'.repeat(124), /gives the stack name Xxx.* of 129 characters; CloudFormation allows 128/],
    ['x'.repeat(214), /of 219 characters; CloudFormation allows 128/],
  ])('refuses %j', (name, message) => {
    expect(checkProjectName(name)).toMatch(message);
  });
});
