/**
 * The work the matcher has done since the count was last reset: automaton steps (per character,
 * one per word of up to 30 states and one per counting state), characters of a line parsed as
 * JSON, JSON values visited, characters the space-delimited tokenizer reads and field-alignment
 * cells. Tests read it to check that matching time grows linearly with the line, whatever the
 * pattern; nothing else depends on it.
 */
export const matcherSteps = { count: 0 };
