import type { GtbpEditAnswer } from '../../algorithms/gtbp/tasks';

/**
 * GTBP sees a prompt as an ordered list of claims. Our definition (the paper gives none):
 * every non-empty line is split into sentences (a sentence ends at ".", "!" or "?" followed by
 * white space); each sentence is one claim, trimmed. Claim ids are positional, "c1", "c2", ...,
 * assigned afresh each time a prompt is split. A prompt rebuilt from claims has one claim per line;
 * a prompt nobody edited is kept byte for byte (see {@link applyClaimEdits}).
 */
export interface Claim {
  id: string;
  text: string;
}

const SENTENCE_END = /(?<=[.!?])\s+(?=\S)/;

/** Splits a system prompt into its claims (see the module comment for the rule). */
export function splitClaims(prompt: string): Claim[] {
  const texts = prompt
    .split(/\r?\n/)
    .flatMap((line) => line.split(SENTENCE_END))
    .map((text) => text.trim())
    .filter((text) => text.length > 0);
  return texts.map((text, i) => ({ id: `c${i + 1}`, text }));
}

/** Joins claims back into a prompt, one claim per line. */
export function joinClaims(claims: readonly Claim[]): string {
  return claims.map((c) => c.text).join('\n');
}

export type ClaimEdit = GtbpEditAnswer['edits'][number];

/** An edit the code refused, with the reason (shown in the update's event). */
export interface DroppedEdit {
  edit: ClaimEdit;
  reason: string;
}

/** The per-step limits GTBP's schedule allows. */
export interface EditBudget {
  /** At most this many existing claims replaced or deleted. */
  maxEdits: number;
  /** Whether one new claim may be added this step. */
  mayAdd: boolean;
}

/** The outcome of enforcing the budget on a list of proposed edits. */
export interface ClaimEditResult {
  claims: Claim[];
  applied: ClaimEdit[];
  dropped: DroppedEdit[];
  /** Distinct existing claims replaced or deleted. */
  changedCount: number;
  added: boolean;
}

/**
 * Applies structured edits to claims in the order the model gave them, enforcing the budget in
 * code: an edit past the budget, on an unknown claim, on a claim already edited, a second add or an
 * add the schedule forbids is dropped with its reason, never silently applied.
 */
export function applyClaimEdits(claims: readonly Claim[], edits: readonly ClaimEdit[], budget: EditBudget) {
  const byId = new Map(claims.map((c) => [c.id, c]));
  const replaced = new Map<string, string>();
  const deleted = new Set<string>();
  const insertions: { afterClaimId?: string; text: string }[] = [];
  const applied: ClaimEdit[] = [];
  const dropped: DroppedEdit[] = [];

  for (const edit of edits) {
    const reason = refusal(edit, byId, replaced, deleted, insertions.length, budget);
    if (reason) {
      dropped.push({ edit, reason });
      continue;
    }
    applied.push(edit);
    if (edit.action === 'replace') replaced.set(edit.claimId, edit.text.trim());
    else if (edit.action === 'delete') deleted.add(edit.claimId);
    else insertions.push({ afterClaimId: edit.afterClaimId, text: edit.text.trim() });
  }

  const out: Claim[] = [];
  const pushNew = (text: string) => out.push({ id: `new${out.length + 1}`, text });
  for (const claim of claims) {
    if (!deleted.has(claim.id)) out.push({ id: claim.id, text: replaced.get(claim.id) ?? claim.text });
    for (const ins of insertions) if (ins.afterClaimId === claim.id) pushNew(ins.text);
  }
  for (const ins of insertions) if (ins.afterClaimId === undefined) pushNew(ins.text);

  const result: ClaimEditResult = {
    claims: out,
    applied,
    dropped,
    changedCount: replaced.size + deleted.size,
    added: insertions.length > 0,
  };
  return result;
}

function refusal(
  edit: ClaimEdit,
  byId: ReadonlyMap<string, Claim>,
  replaced: ReadonlyMap<string, string>,
  deleted: ReadonlySet<string>,
  addedSoFar: number,
  budget: EditBudget,
): string | null {
  if (edit.action === 'add') {
    if (!budget.mayAdd) return 'adding a claim is not allowed at this iteration (schedule m+)';
    if (addedSoFar >= 1) return 'at most one new claim per step';
    if (edit.text.trim() === '') return 'empty claim';
    if (edit.afterClaimId !== undefined && !byId.has(edit.afterClaimId))
      return `unknown claim id "${edit.afterClaimId}"`;
    return null;
  }
  if (!byId.has(edit.claimId)) return `unknown claim id "${edit.claimId}"`;
  if (replaced.has(edit.claimId) || deleted.has(edit.claimId)) return 'claim already edited in this step';
  if (edit.action === 'replace' && edit.text.trim() === byId.get(edit.claimId)?.text)
    return 'replacement equals the current claim';
  if (replaced.size + deleted.size >= budget.maxEdits)
    return `edit budget exhausted (at most ${budget.maxEdits} claim(s) changed this step)`;
  return null;
}
