import assert from 'node:assert/strict';

/**
 * Asserts that `actual` matches the pattern `expected`: an object names only the properties
 * `actual` must have (it may have more), each matching; an array must have as many items, each
 * matching; a RegExp must match the string in its place; any other value must be equal.
 */
export function assertMatch(actual: unknown, expected: unknown, at = 'value'): void {
  const show = (value: unknown) => (value === undefined ? 'undefined' : JSON.stringify(value).slice(0, 500));
  if (expected instanceof RegExp) {
    if (typeof actual !== 'string' || !expected.test(actual)) assert.fail(`${at}: ${show(actual)} does not match ${expected}`);
  } else if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) assert.fail(`${at}: expected ${expected.length} items, got ${show(actual)}`);
    expected.forEach((item, index) => assertMatch(actual[index], item, `${at}[${index}]`));
  } else if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null) assert.fail(`${at}: expected an object, got ${show(actual)}`);
    for (const [key, value] of Object.entries(expected)) assertMatch((actual as Record<string, unknown>)[key], value, `${at}.${key}`);
  } else {
    assert.deepEqual(actual, expected, `${at}: ${show(actual)} is not ${show(expected)}`);
  }
}
