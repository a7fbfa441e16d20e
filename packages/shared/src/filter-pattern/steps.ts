/**
 * The work the matcher has done since the count was last reset: automaton steps (per character,
 * one per word of up to 30 states and one per counting state), JSON values visited and
 * field-alignment cells. Tests read it to check that matching time grows linearly with the line,
 * whatever the pattern; nothing else depends on it.
 */
export const matcherSteps = { count: 0 };
