/**
 * A proposed prompt update: side-by-side diff against the current prompt, the optimizer's
 * reasoning, the gate's verdict with before/after scores, and — while the session waits for a
 * person — Accept / Reject / Edit-then-accept. Decisions go out through callbacks; the host sends
 * the `decide` command and records the accept as one undoable step. Without callbacks (a stored
 * run) the card is read-only. A proposal the session decided itself (it changes nothing) says why.
 */
import { memo, useState } from 'react';
import { INPUT } from '../../inspector/fields';
import type { ProposalView } from '../derive/prompt-versions';
import { pct } from './format';
import { PromptDiffView } from './PromptDiffView';
import { BUTTON, BUTTON_PRIMARY, Chip, HEADING, MUTED, TextBlock } from './primitives';
import { gatePolicyLabel } from './status-labels';

export interface PromptDiffProps {
  proposal: ProposalView;
  onAccept?: (nodeId: string) => void;
  onReject?: (nodeId: string) => void;
  /** Accept an edited prompt instead of the proposal. */
  onEditAccept?: (nodeId: string, prompt: string) => void;
  /** Force the plain text diff (no CodeMirror). */
  plain?: boolean;
}

/**
 * Shown for a proposal equal to its node's prompt that nobody decided (outside step mode): the gate
 * leaves such proposals out, so "the gate has not run yet" would stay up for good.
 */
export const UNCHANGED_NOT_GATED = 'unchanged: nothing for the gate to decide';

/** The verdict line: the person's decision and the gate's. */
function Verdict({ proposal }: { proposal: ProposalView }) {
  const { gate, decision } = proposal;
  const unchanged = proposal.proposedPrompt === proposal.currentPrompt;
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs" data-testid="gate-verdict" aria-live="polite">
      {decision && (
        <Chip>
          {decision.reason ?? (decision.action === 'edit' ? 'edited by you' : `${decision.action}ed by you`)}
        </Chip>
      )}
      {gate ? (
        <>
          <Chip tone={gate.accepted ? 'good' : 'bad'}>
            {gate.accepted ? 'gate accepted' : 'gate rejected'}
          </Chip>
          <span className={MUTED}>
            {gate.policy === 'none'
              ? 'no gate'
              : `${gatePolicyLabel(gate.policy)} on the ${gate.on}: ${pct(gate.before)} → ${pct(gate.after)}`}
          </span>
        </>
      ) : (
        !decision?.action.startsWith('rej') &&
        decision?.reason === undefined && (
          <span className={MUTED}>
            {proposal.awaitingDecision
              ? 'waiting for your decision'
              : unchanged
                ? UNCHANGED_NOT_GATED
                : 'the gate has not run yet'}
          </span>
        )
      )}
    </div>
  );
}

/** The proposal panel of one node (a new proposal starts a fresh edit draft). */
export const PromptDiff = memo(function PromptDiff(props: PromptDiffProps) {
  return <ProposalPanel key={`${props.proposal.iteration}/${props.proposal.nodeId}`} {...props} />;
});

function ProposalPanel({ proposal, onAccept, onReject, onEditAccept, plain }: PromptDiffProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(proposal.proposedPrompt);
  const canDecide = proposal.awaitingDecision && Boolean(onAccept || onReject || onEditAccept);
  return (
    <section
      className="flex flex-col gap-2"
      data-testid="prompt-diff"
      aria-label={`Proposed prompt for ${proposal.nodeId}`}
    >
      <div className="flex items-center gap-2">
        <span className={HEADING}>Proposed update · iteration {proposal.iteration}</span>
        <span className="font-mono text-xs text-slate-500">{proposal.nodeId}</span>
      </div>
      <PromptDiffView
        before={proposal.currentPrompt}
        after={proposal.proposedPrompt}
        label={`Prompt of ${proposal.nodeId}`}
        {...(plain ? { plain } : {})}
      />
      {proposal.reasoning && <TextBlock label="reasoning" text={proposal.reasoning} />}
      {proposal.critique && (
        <div className="grid grid-cols-2 gap-2 text-xs">
          <ul aria-label="Pros" className="list-disc pl-4">
            {proposal.critique.pros.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <ul aria-label="Cons" className="list-disc pl-4">
            {proposal.critique.cons.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </div>
      )}
      {proposal.claimEdits && proposal.claimEdits.dropped.length > 0 && (
        <p className={MUTED}>
          {proposal.claimEdits.applied.length} claim edit(s) applied, {proposal.claimEdits.dropped.length}{' '}
          refused by the edit budget.
        </p>
      )}
      {proposal.counterfactual && (
        <p className="text-xs" data-testid="proposal-counterfactual">
          Alone, this update fixes <strong>{proposal.counterfactual.fixed.length}</strong> of{' '}
          {proposal.counterfactual.checked.length} failing example(s){' '}
          <span className={MUTED}>
            (counterfactual check: its node and what follows re-run, the rest as it was)
          </span>
        </p>
      )}
      <Verdict proposal={proposal} />
      {canDecide && !editing && (
        <div className="flex gap-2">
          <button
            type="button"
            className={BUTTON_PRIMARY}
            onClick={() => onAccept?.(proposal.nodeId)}
            disabled={!onAccept}
          >
            Accept
          </button>
          <button
            type="button"
            className={BUTTON}
            onClick={() => onReject?.(proposal.nodeId)}
            disabled={!onReject}
          >
            Reject
          </button>
          <button type="button" className={BUTTON} onClick={() => setEditing(true)} disabled={!onEditAccept}>
            Edit…
          </button>
        </div>
      )}
      {canDecide && editing && (
        <div className="flex flex-col gap-1.5">
          <textarea
            aria-label={`Edit the proposed prompt of ${proposal.nodeId}`}
            className={`${INPUT} min-h-24 font-mono text-xs`}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
          <div className="flex gap-2">
            <button
              type="button"
              className={BUTTON_PRIMARY}
              onClick={() => onEditAccept?.(proposal.nodeId, draft)}
            >
              Accept edited
            </button>
            <button type="button" className={BUTTON} onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
