/**
 * The work the matcher has done since the count was last reset: automaton steps (one per state
 * visited per character) and field-alignment cells. Tests read it to check that matching time
 * grows linearly with the line, whatever the pattern; nothing else depends on it.
 */
export const matcherSteps = { count: 0 };
