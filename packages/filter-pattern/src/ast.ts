/** The syntax tree of a CloudWatch Logs filter pattern. */
import type { Regex } from './regex.js';

export type { CharSet, Regex, RegexAtom } from './regex.js';

/** `""`, `" "` or nothing at all: every log event. */
export interface AllPattern {
  kind: 'all';
}

/** A literal text or a `%regular expression%`. */
export type Needle = { type: 'text'; text: string } | { type: 'regex'; regex: Regex };

/**
 * Unstructured log events: `ERROR`, `"quoted phrase"`, `-excluded`, `%regex%` and `?optional`
 * terms. The `?` terms count only in a pattern made of them alone (`?ERROR ?WARN`: either); next
 * to a plain or excluded term CloudWatch Logs ignores them (`?ERROR ?ARGUMENTS REQUEST` is
 * `REQUEST`).
 */
export interface TermsPattern {
  kind: 'terms';
  /** All must occur. */
  required: Needle[];
  /** At least one must occur, when `required` and `excluded` are both empty; ignored otherwise. */
  optional: Needle[];
  /** None may occur. */
  excluded: Needle[];
}

export type Comparison = '=' | '!=' | '<' | '>' | '<=' | '>=';

/**
 * A string on the right of `=` or `!=`. A `*` at its start or end is a wildcard (`*Event`,
 * `Event*`, `*Event*`, `*`); anywhere else it is the character itself (`Ev*ent`).
 */
export interface StringValue {
  type: 'string';
  /** As written, without quotes. */
  text: string;
  /** How a value must relate to `core`. */
  match: 'equals' | 'prefix' | 'suffix' | 'contains';
  /** `text` without its wildcards. */
  core: string;
}

/** A literal on the right of a comparison. */
export type Value = StringValue | { type: 'number'; value: number; text: string } | { type: 'regex'; regex: Regex };

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

export type FieldCondition = { type: 'and' | 'or'; left: FieldCondition; right: FieldCondition } | { type: 'compare'; op: Comparison; value: Value };

/**
 * One field of a space-delimited pattern: `...` (any number of fields), or a field with a name
 * (empty for an unnamed one, as a trailing comma makes) and an optional condition.
 */
export type Field = { type: 'ellipsis' } | { type: 'field'; name: string; condition?: FieldCondition };

/**
 * `[ip, user, ..., status_code = 4*, size > 100]`: log events of space-separated fields. `[]`
 * has no field and matches every event.
 */
export interface SpaceDelimitedPattern {
  kind: 'space-delimited';
  fields: Field[];
}

export type FilterPattern = AllPattern | TermsPattern | JsonPattern | SpaceDelimitedPattern;

export interface MatchResult {
  matched: boolean;
  /**
   * Space-delimited patterns, as TestMetricFilter reports them: each named field's value as
   * `$name`, every other field of the event by its position, `$1` for the first.
   */
  extractedFields?: Record<string, string>;
}
