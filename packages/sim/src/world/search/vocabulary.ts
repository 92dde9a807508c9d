/**
 * The steps search may try: every skill, parameterised skills with the few values worth trying
 * (fixed ones like 0-2 decimals, plus literals read off the outputs being aimed at).
 */
import { SKILLS } from '../skills/catalogue';
import type { SearchHints, SkillStep } from '../skills/types';

/** Candidate steps for search, in catalogue order (so search results are deterministic). */
export function searchVocabulary(hints: SearchHints, extra: readonly SkillStep[] = []): SkillStep[] {
  const out: SkillStep[] = [];
  const seen = new Set<string>();
  const push = (step: SkillStep) => {
    const key = stepKey(step);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(step);
  };
  for (const skill of SKILLS) {
    if (!skill.searchParams) push({ skill: skill.id, params: {} });
    else for (const params of skill.searchParams(hints)) push({ skill: skill.id, params });
  }
  // Steps named elsewhere (the node's role, the other prompts) carry parameters search cannot guess.
  for (const step of extra) push({ skill: step.skill, params: step.params });
  return out;
}

/** A stable string key for a step (skill plus parameters). */
export function stepKey(step: SkillStep): string {
  return `${step.skill}(${step.params.n ?? ''}|${step.params.text ?? ''})`;
}
