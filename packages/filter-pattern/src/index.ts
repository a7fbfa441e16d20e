export type { CharSet, Comparison, Field, FieldCondition, FilterPattern, JsonExpression, MatchResult, Needle, Regex, RegexAtom, Step, StringValue, Value } from './ast.js';
export { compileRegex, type TextTest } from './automaton.js';
export { FilterPatternError, formatFilterPatternError } from './errors.js';
export { compileFilterPattern, matchFilterPattern, splitFields, type Matcher } from './match.js';
export { MAX_PATTERN_LENGTH, MAX_PATTERN_WILDCARDS, MAX_SELECTOR_WILDCARDS, parseFilterPattern } from './parse.js';
export { hasChar, MAX_REGEXES, parseRegex } from './regex.js';
export { matcherSteps } from './steps.js';
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
