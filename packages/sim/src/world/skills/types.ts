/** Parameters a skill reads from its phrasing, e.g. the 2 in "round to 2 decimals". */
export interface SkillParams {
  /** A count or amount: decimals, a factor, a number of words. */
  n?: number;
  /** A literal: a label, a suffix, a separator. */
  text?: string;
}

/** One recognised instruction, in prompt order. */
export interface SkillStep {
  skill: string;
  params: SkillParams;
}

/** A recognised instruction plus where it was found (for rewriting prompts sentence by sentence). */
export interface LocatedStep extends SkillStep {
  start: number;
  end: number;
}

/** What search knows when it proposes parameter values: the outputs it is trying to reach. */
export interface SearchHints {
  desired: string[];
}

/**
 * A skill of the simulated world: a deterministic text transform plus the natural phrasings that
 * ask for it. `patterns` run case-insensitively over the prompt; `readParams` turns a match into
 * parameters (returning undefined rejects the match).
 */
export interface Skill {
  id: string;
  /** One line for the catalogue in docs/simulator.md. */
  summary: string;
  patterns: RegExp[];
  readParams?: (match: RegExpExecArray) => SkillParams | undefined;
  apply: (text: string, params: SkillParams) => string;
  /** Accepted phrasings for these parameters; the first is the canonical one the optimizer writes. */
  phrasings: (params: SkillParams) => string[];
  /** Parameter values worth trying during search (none for parameterless skills). */
  searchParams?: (hints: SearchHints) => SkillParams[];
  /** Example parameters, for docs and tests. */
  exampleParams?: SkillParams;
}
