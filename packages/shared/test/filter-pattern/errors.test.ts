import { describe, expect, it } from 'vitest';
import { formatFilterPatternError, FilterPatternError, parseFilterPattern, validateFilterPattern } from '../../src/filter-pattern/index.js';

function errorOf(pattern: string): FilterPatternError {
  try {
    parseFilterPattern(pattern);
  } catch (error) {
    if (error instanceof FilterPatternError) return error;
    throw error;
  }
  throw new Error(`${pattern} parsed`);
}

describe('invalid patterns: a message and the position of the problem', () => {
  it.each<[string, string, number]>([
    ['ERROR "unclosed', 'unclosed quote', 6],
    ['x'.repeat(1025), 'the pattern is 1025 characters long; CloudWatch Logs allows 1024', 1024],
    ['{ $.level = "ERROR" ', 'expected a closing "}" or && or ||', 20],
    ['{ level = "ERROR" }', 'expected a selector starting with $, like $.level', 2],
    ['{ $. = 1 }', 'expected a property name after "."', 3],
    ['{ $.a }', 'expected =, !=, <, >, <=, >=, IS NULL, IS TRUE, IS FALSE or NOT EXISTS', 6],
    ['{ $.a = }', 'expected a value after "="', 8],
    ['{ $.a > high }', '">" compares numbers: expected a number', 8],
    ['{ ($.a = 1 }', 'expected a closing ")" or && or ||, found "}"', 11],
    ['{ $.a = 1 } trailing', 'unexpected text after the closing "}"', 12],
    ['{ $.a[x] = 1 }', 'expected an array index, * or a quoted key inside [ ]', 5],
    ['[a, b', 'unclosed "[": expected "]"', 0],
    ['[a b]', 'expected "," or "]", found "b"', 3],
    ['[a, a]', 'the field name "a" is used twice', 4],
    ['[a = 1 && b = 2]', 'a condition inside field "a" can only test "a"', 10],
    ['[]', 'a space-delimited pattern needs at least one field', 0],
    ['%ERROR', 'unclosed regular expression (expected a closing %)', 0],
    ['%(ERROR)%', 'parentheses (subpatterns) are not supported in regular expressions', 1],
    ['%ERROR!%', '"!" is not supported in regular expressions', 6],
    ['%Größe%', 'U+00F6 is not supported in regular expressions', 3],
    ['%a b%', 'U+0020 is not supported in regular expressions', 2],
    ['%a% %b% %c%', 'more than 2 regular expressions in one pattern', 8],
    ['%(%', 'parentheses (subpatterns) are not supported in regular expressions', 1],
    ['%a\\1%', 'backreferences are not supported in regular expressions', 2],
    ['%[%', 'invalid regular expression: /[/: Unterminated character class', 0],
    ['ERROR ?', 'expected a term after "?"', 6],
  ])('%j: %s at %i', (pattern, problem, position) => {
    const error = errorOf(pattern);
    expect(error.problem).toBe(problem);
    expect(error.position).toBe(position);
    expect(error.message).toBe(`${problem} at ${position}`);
    expect(validateFilterPattern(pattern)).toBe(error.message);
  });

  it('shows a caret under the problem', () => {
    expect(formatFilterPatternError('ERROR "unclosed', errorOf('ERROR "unclosed'))).toBe('ERROR "unclosed\n      ^ unclosed quote at 6');
  });

  it('accepts what CloudWatch Logs accepts', () => {
    for (const pattern of ['', ' ', 'ERROR', '{ $.a = 1 }', '[a, ...]', '%a%', '{ $.a = %b% && $.c = %d% }', 'x'.repeat(1024)]) {
      expect(validateFilterPattern(pattern), pattern).toBeUndefined();
    }
  });
});
