/** The whole skill catalogue, in the order docs/simulator.md lists it. */
import { arithmeticSkills } from './arithmetic';
import { labelSkills } from './labels';
import { numberFormatSkills } from './number-format';
import { selectionSkills } from './selection';
import type { Skill } from './types';
import { wordSkills } from './words';

/** Every skill the simulated model knows. */
export const SKILLS: readonly Skill[] = [
  ...arithmeticSkills,
  ...numberFormatSkills,
  ...wordSkills,
  ...selectionSkills,
  ...labelSkills,
];

const BY_ID = new Map(SKILLS.map((s) => [s.id, s]));

/** The skill with this id; throws on an unknown id because that is a programming error. */
export function skillById(id: string): Skill {
  const skill = BY_ID.get(id);
  if (!skill) throw new Error(`unknown skill "${id}"`);
  return skill;
}
