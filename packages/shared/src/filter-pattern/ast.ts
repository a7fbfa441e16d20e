/** The syntax tree of a CloudWatch Logs filter pattern. */

/** `""`, `" "` or nothing at all: every log event. */
export interface AllPattern {
  kind: 'all';
}

/** A literal text or a `%regular expression%`. */
export type Needle = { type: 'text'; text: string } | { type: 'regex'; source: string; regex: RegExp };

/**
 * Unstructured log events: `ERROR`, `"quoted phrase"`, `-excluded`, `%regex%`, and term groups
 * started by `?`: `?ERROR ?"WARN" Deadlock` is ERROR, or WARN together with Deadlock (the form
 * aws-cdk's FilterPattern.anyTermGroup writes).
 */
export interface TermsPattern {
  kind: 'terms';
  /** Terms before the first `?`: all must occur. */
  required: Needle[];
  /** The `?` groups: when there are any, all terms of at least one group must occur. */
  groups: Needle[][];
  /** None may occur. */
  excluded: Needle[];
}

export type Comparison = '=' | '!=' | '<' | '>' | '<=' | '>=';

/** A literal on the right of a comparison. */
export type Value =
  | { type: 'string'; text: string; wildcard: boolean }
  | { type: 'number'; value: number; text: string }
  | { type: 'regex'; source: string; regex: RegExp };

/** One step of a JSON selector: `.key`, `['key']`, `[2]`, `[*]`, `.*`. */
export type Step = { type: 'key'; key: string } | { type: 'index'; index: number } | { type: 'any' };

export type JsonExpression =
  | { type: 'and' | 'or'; left: JsonExpression; right: JsonExpression }
  | { type: 'compare'; selector: Step[]; op: Comparison; value: Value }
  | { type: 'is'; selector: Step[]; test: 'NULL' | 'TRUE' | 'FALSE' | 'NOT EXISTS' };

/** `{ $.level = "ERROR" && $.latency > 100 }`: log events that are JSON objects. */
export interface JsonPattern {
  kind: 'json';
  expression: JsonExpression;
}

export type FieldCondition =
  | { type: 'and' | 'or'; left: FieldCondition; right: FieldCondition }
  | { type: 'compare'; op: Comparison; value: Value };

/** One field of a space-delimited pattern: a name with an optional condition, or `...`. */
export type Field = { type: 'ellipsis' } | { type: 'field'; name: string; condition?: FieldCondition };

/** `[ip, user, ..., status_code = 4*, size > 100]`: log events of space-separated fields. */
export interface SpaceDelimitedPattern {
  kind: 'space-delimited';
  fields: Field[];
}

export type FilterPattern = AllPattern | TermsPattern | JsonPattern | SpaceDelimitedPattern;

export interface MatchResult {
  matched: boolean;
  /** Space-delimited patterns: each field's value, as `$name` and as `$1`…`$n`. */
  extractedFields?: Record<string, string>;
}
