import type { BackwardExample, BackwardSignal } from '../../backward/types';
import type { RunContext } from '../../context';
import type { LlmNode, Workflow } from '../../graph/schema';
import type { SessionSettings } from '../settings';
import type { Claim, ClaimEdit, DroppedEdit, EditBudget } from './claims';

/** Everything an update operator sees for one node. */
export interface UpdateInput {
  workflow: Workflow;
  node: LlmNode;
  /** The back-propagated examples with their traces and scores. */
  batch: BackwardExample[];
  /** Every signal delivered about this node's output in this iteration. */
  received: BackwardSignal[];
  /** GTBP: this node's (reconciled) target output per example id. */
  targets: Record<string, string>;
  /** 1-based iteration number (GTBP's schedule counts from 1). */
  iteration: number;
  settings: SessionSettings;
  /** GTBP: the iteration at which this node last gained a claim, or null. */
  lastAddIteration: number | null;
  /** Stable prefix for the calls' `callKey`s (so a resumed unit replays them). */
  callKeyPrefix: string;
}

/** GTBP's record of a claim-list edit: what was asked, applied and refused. */
export interface ClaimEditRecord {
  budget: EditBudget;
  claimsBefore: Claim[];
  claimsAfter: Claim[];
  applied: ClaimEdit[];
  dropped: DroppedEdit[];
  added: boolean;
}

/** A proposed new prompt for one node, not yet accepted. */
export interface UpdateProposal {
  nodeId: string;
  currentPrompt: string;
  proposedPrompt: string;
  reasoning?: string;
  /** Semantic backprop's "critique first" variant: the pros and cons it wrote first. */
  critique?: { pros: string[]; cons: string[] };
  claimEdits?: ClaimEditRecord;
  /** Template ids of the meta-prompts used, e.g. "sembp.update@2". */
  templateIds: string[];
  callIds: string[];
}

/** An update either proposes a prompt or fails visibly with its reason and the calls it made. */
export type UpdateOutcome =
  | { ok: true; proposal: UpdateProposal }
  | { ok: false; nodeId: string; error: string; callIds: string[] };

/** One algorithm's update operator. Calls go through `askStructured` with purpose 'update'. */
export type UpdateOperator = (ctx: RunContext, input: UpdateInput) => Promise<UpdateOutcome>;
