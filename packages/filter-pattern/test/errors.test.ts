import { describe, expect, it } from 'vitest';
import { formatFilterPatternError, FilterPatternError, parseFilterPattern, validateFilterPattern } from '../src/index.js';

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
    ['%ERROR', 'unclosed regular expression (expected a closing %)', 0],
    ['%(ERROR)%', 'parentheses (subpatterns) are not supported in regular expressions', 1],
    ['%ERROR!%', '"!" is not supported in regular expressions', 6],
    ['%Größe%', 'U+00F6 is not supported in regular expressions (multi-byte characters are not)', 3],
    ['%a\tb%', 'U+0009 is not supported in regular expressions', 2],
    ['%a% %b% %c%', 'more than 2 regular expressions in one pattern', 8],
    ['%(%', 'parentheses (subpatterns) are not supported in regular expressions', 1],
    ['%a\\1%', 'backreferences are not supported in regular expressions', 2],
    ['%[%', 'unterminated character class (expected "]")', 1],
    ['%[a-%', 'unterminated character class (expected "]")', 1],
    ['%*a%', '"*" has nothing to repeat before it', 1],
    ['%a|+b%', '"+" has nothing to repeat before it', 3],
    ['%^?%', '"?" has nothing to repeat before it', 2],
    ['%a**%', '"*" cannot repeat a repeat; write one quantifier per character or class', 3],
    ['%a{2}{3}%', '"{" cannot repeat a repeat; write one quantifier per character or class', 5],
    ['%a*??%', '"?" cannot repeat a repeat; write one quantifier per character or class', 4],
    ['%a{x}%', '"{" starts a repeat count: {m}, {m,}, {,n} or {m,n} (write \\{ for the character)', 2],
    ['%a{}%', '"{" starts a repeat count: {m}, {m,}, {,n} or {m,n} (write \\{ for the character)', 2],
    ['%a{5,3}%', 'the repeat count {5,3} has its minimum above its maximum', 2],
    ['%[z-a]%', 'the range z-a is backwards (write a-z)', 2],
    ['%[a-\\d]%', 'a range must end with a single character', 4],
    ['%\\x80%', '\\x80 is not an ASCII character; use \\x00 to \\x7F', 1],
    ['%\\xZZ%', '\\x takes two hexadecimal digits, like \\x3A', 1],
    ['%\\b%', '\\b is not supported in regular expressions (use \\d \\D \\s \\S \\w \\W \\xhh \\t \\n \\r \\f \\v, or \\ before a symbol)', 1],
    ['%\\(%', 'parentheses (subpatterns) are not supported in regular expressions', 2],
    ['{ $.a IS NOT NULL }', 'IS NOT is not supported: use IS NULL, IS TRUE, IS FALSE or NOT EXISTS', 6],
    ['{ $.a EXISTS }', 'EXISTS is not supported (only NOT EXISTS): to match a field with a value, use = *', 6],
    ['{ $.*[*] = 1 }', 'a selector may hold 1 wildcard (*) at most', 2],
    ['- ', 'expected a term after "-"', 0],
    ['[a, =1]', 'expected a field name or ...', 4],
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
    for (const pattern of [
      '',
      ' ',
      'ERROR',
      '{ $.a = 1 }',
      '[a, ...]',
      '[]',
      '[a,,b,]',
      '%a%',
      '%a b%',
      '%a*?b+?c??d{1,2}?%',
      '%a{,3}b{2,}c{4}%',
      '%[]a]%',
      '%[^]a]%',
      '%a]b}%',
      '%\\%\\.\\[%',
      '%x|%',
      '{ $.a = %b% && $.c = %d% }',
      '{ $.a > +1 }',
      '"ERROR" - "Exiting"',
      'x'.repeat(1024),
    ]) {
      expect(validateFilterPattern(pattern), pattern).toBeUndefined();
    }
  });
});
