export type { Comparison, Field, FieldCondition, FilterPattern, JsonExpression, MatchResult, Needle, Step, Value } from './ast.js';
export { FilterPatternError, formatFilterPatternError } from './errors.js';
export { compileFilterPattern, matchFilterPattern, splitFields, type Matcher } from './match.js';
export { MAX_PATTERN_LENGTH, parseFilterPattern } from './parse.js';
import { FilterPatternError, formatFilterPatternError } from './errors.js';
import { parseFilterPattern } from './parse.js';

/** undefined when CloudWatch Logs would accept `pattern`, else one line saying what is wrong and where. */
export function validateFilterPattern(pattern: string): string | undefined {
  try {
    parseFilterPattern(pattern);
    return undefined;
  } catch (error) {
    if (error instanceof FilterPatternError) return error.message;
    throw error;
  }
}

/** The pattern with a caret under its first error, or undefined when it is valid. */
export function explainFilterPattern(pattern: string): string | undefined {
  try {
    parseFilterPattern(pattern);
    return undefined;
  } catch (error) {
    if (error instanceof FilterPatternError) return formatFilterPatternError(pattern, error);
    throw error;
  }
}
