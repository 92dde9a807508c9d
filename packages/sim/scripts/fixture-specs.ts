/**
 * The fault-injection workflows, as data: each node names the skills it must perform, and a seeded
 * generator makes the example inputs. `generate-fixtures.ts` turns these into workflow files and
 * datasets (targets computed by running the correct workflow in the simulator).
 */
import type { Rng } from '../src/engine';
import type { SkillStep } from '../src/world/skills/types';
import { chain3Receipt, chain4Temperature, chain6Scores, diamondSpread, fanin3Sum } from './specs-numbers';
import { chain3Sentiment, chain6Keywords, diamondWords, fanin3Card, twoOutputsReview } from './specs-text';

/** One llm node: what it is for, what it must do, and where its inputs come from. */
export interface NodeSpec {
  id: string;
  label: string;
  /** A sentence about the node's purpose; the generator appends the canonical steps to it. */
  purpose: string;
  steps: SkillStep[];
  /** `field:<name>` for an example field, else an llm node id. */
  inputs: { from: string; name: string }[];
  userTemplate: string;
}

export interface FixtureSpec {
  name: string;
  title: string;
  description: string;
  fields: string[];
  nodes: NodeSpec[];
  /** Output nodes: which llm node feeds each and which expected value it is scored against. */
  outputs: { id: string; from: string; targetKey: string }[];
  makeInputs: (rng: Rng) => Record<string, string>;
}

/** Every fixture, in generation order (the order fixes each fixture's seed). */
export const FIXTURE_SPECS: FixtureSpec[] = [
  chain3Receipt,
  chain6Keywords,
  chain6Scores,
  diamondSpread,
  diamondWords,
  fanin3Sum,
  fanin3Card,
  chain4Temperature,
  chain3Sentiment,
  twoOutputsReview,
];
