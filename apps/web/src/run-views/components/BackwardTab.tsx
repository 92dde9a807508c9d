/**
 * The inspector's Backward tab for one node and one iteration: per back-propagated example, the
 * node's input, output, target (GTBP), the messages it received (with the successor and the sibling
 * outputs each was conditioned on), their aggregate, what it sent upstream, and the exact calls.
 */
import { type CallRecord, formatBlame, type SessionEvent } from '@backflow/engine';
import { memo, useMemo } from 'react';
import { type ExampleBackwardView, type NodeBackwardView, nodeBackwardView } from '../derive/backward-view';
import { indexCalls } from '../derive/calls';
import { CallDetails } from './CallDetails';
import { pct, tokens, usd } from './format';
import { Chip, HEADING, MUTED, TextBlock } from './primitives';
import { SignalCard } from './SignalCard';

export interface BackwardTabProps {
  view: NodeBackwardView;
  callsById: ReadonlyMap<string, CallRecord>;
}

/** The tab, from a derived view (see `nodeBackwardView`). */
export const BackwardTab = memo(function BackwardTab({ view, callsById }: BackwardTabProps) {
  if (!view.reached) {
    return (
      <p className="p-3 text-xs text-slate-500" data-testid="backward-tab">
        The backward pass has not reached <span className="font-mono">{view.nodeId}</span> in iteration{' '}
        {view.iteration} yet.
      </p>
    );
  }
  return (
    <section
      className="flex flex-col gap-2 p-3"
      data-testid="backward-tab"
      aria-label={`Backward pass at ${view.nodeId}`}
    >
      <header className="flex flex-wrap items-center gap-2 text-xs">
        <span className={HEADING}>Iteration {view.iteration}</span>
        {view.walkIndex !== undefined && <span className={MUTED}>step {view.walkIndex + 1} of the walk</span>}
        {view.blame && (
          <span data-testid="node-blame">
            blame <strong>{formatBlame(view.blame.blame)}</strong>{' '}
            <span className={MUTED}>
              ({view.blame.changed}/{view.blame.total} asked to change, {view.blame.own} its own)
            </span>
          </span>
        )}
        <span className={MUTED}>
          {view.sums.calls} call(s) · {tokens(view.sums.inputTokens, view.sums.outputTokens)} tokens ·{' '}
          {usd(view.sums.costUsd)}
        </span>
      </header>
      <BlameEvidence view={view} />
      {view.examples.length === 0 && (
        <p className={MUTED}>No example was back-propagated in this iteration.</p>
      )}
      {view.examples.map((ex, i) => (
        <ExampleSection key={ex.exampleId} example={ex} callsById={callsById} open={i === 0} />
      ))}
    </section>
  );
});

const idList = (ids: readonly string[]) => (ids.length === 0 ? 'none' : ids.join(', '));

/**
 * Why the node holds its blame: the examples it was asked to change on, those on which it kept the
 * discrepancy, and whether its own update alone fixed the failing ones (the counterfactual check).
 */
function BlameEvidence({ view }: { view: NodeBackwardView }) {
  const { evidence, counterfactual: cf } = view;
  if (!evidence && !cf) return null;
  const fixedAll = cf !== undefined && cf.checked.length > 0 && cf.fixed.length === cf.checked.length;
  return (
    <dl
      className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5 rounded bg-slate-50 p-2 text-xs dark:bg-slate-800/60"
      data-testid="blame-evidence"
    >
      {evidence && (
        <>
          <dt className={MUTED}>Asked to change on</dt>
          <dd className="font-mono" data-testid="evidence-asked">
            {idList(evidence.askedOn)}{' '}
            <span className={MUTED}>
              ({evidence.askedOn.length} of {evidence.total})
            </span>
          </dd>
          <dt className={MUTED}>Kept the discrepancy on</dt>
          <dd className="font-mono" data-testid="evidence-kept">
            {idList(evidence.keptOn)}{' '}
            <span className={MUTED}>{evidence.keptOn.length > 0 ? '(passed no change upstream)' : ''}</span>
          </dd>
        </>
      )}
      {cf && (
        <>
          <dt className={MUTED}>Its update alone</dt>
          <dd
            data-testid="evidence-counterfactual"
            className={fixedAll ? 'text-emerald-700 dark:text-emerald-400' : ''}
          >
            fixes <strong>{cf.fixed.length}</strong> of {cf.checked.length} failing example(s)
            {cf.fixed.length > 0 && <span className="font-mono"> ({idList(cf.fixed)})</span>}
          </dd>
        </>
      )}
    </dl>
  );
}

const ExampleSection = memo(function ExampleSection({
  example,
  callsById,
  open,
}: {
  example: ExampleBackwardView;
  callsById: ReadonlyMap<string, CallRecord>;
  open: boolean;
}) {
  const differs = example.target !== undefined && example.target.trim() !== (example.output ?? '').trim();
  const asked = example.received.some((s) => s.asksForChange) || differs;
  return (
    <details
      open={open}
      className="rounded border border-slate-200 dark:border-slate-700"
      data-testid="backward-example"
    >
      <summary className="flex cursor-pointer flex-wrap items-center gap-2 px-2 py-1 text-xs">
        <span className="font-mono">{example.exampleId}</span>
        {example.score !== undefined && <span className={MUTED}>score {pct(example.score)}</span>}
        <Chip tone={asked ? 'warn' : 'good'}>{asked ? 'asked to change' : 'fits'}</Chip>
        <span className={MUTED}>
          {example.sums.calls} call(s) · {tokens(example.sums.inputTokens, example.sums.outputTokens)} ·{' '}
          {usd(example.sums.costUsd)}
        </span>
      </summary>
      <div className="flex flex-col gap-2 p-2">
        {Object.entries(example.input).map(([name, value]) => (
          <TextBlock key={name} label={`input · ${name}`} text={value} />
        ))}
        <div className="grid grid-cols-1 gap-2 md:grid-cols-2">
          <TextBlock label="output" text={example.output} testId="backward-output" />
          {example.target !== undefined && (
            <TextBlock
              label={differs ? 'target (differs)' : 'target (matches)'}
              text={example.target}
              tone="target"
              testId="backward-target"
            />
          )}
        </div>
        {example.targetSources && (
          <div className="flex flex-col gap-1">
            <span className={MUTED}>Target reconciled from:</span>
            {example.targetSources.map((s) => (
              <TextBlock key={s.from} label={`from ${s.from}`} text={s.target} />
            ))}
          </div>
        )}
        {example.forwardCallId && (
          <CallDetails
            callId={example.forwardCallId}
            call={callsById.get(example.forwardCallId)}
            title="Forward call"
          />
        )}
        <SignalList title="Received" signals={example.received} callsById={callsById} direction="received" />
        {example.received.length > 1 && <TextBlock label="aggregated gradient" text={example.aggregated} />}
        <SignalList
          title="Gradients on the prompt"
          signals={example.promptSignals}
          callsById={callsById}
          direction="received"
        />
        <SignalList
          title="Sent upstream"
          signals={example.emitted}
          callsById={callsById}
          direction="emitted"
        />
        {example.failures.map((f) => (
          <p
            key={`${f.task ?? ''}-${f.inputId ?? ''}-${f.reason}`}
            className="rounded bg-rose-50 p-1.5 text-xs text-rose-800 dark:bg-rose-950 dark:text-rose-200"
          >
            {f.task ? `${f.task}: ` : ''}
            {f.reason}
          </p>
        ))}
      </div>
    </details>
  );
});

function SignalList(props: {
  title: string;
  signals: ExampleBackwardView['received'];
  callsById: ReadonlyMap<string, CallRecord>;
  direction: 'received' | 'emitted';
}) {
  if (props.signals.length === 0) return null;
  return (
    <div className="flex flex-col gap-1">
      <span className={HEADING}>{props.title}</span>
      {props.signals.map((s) => (
        <SignalCard
          key={`${s.kind}-${s.fromNodeId}-${s.nodeId}-${s.about}`}
          signal={s}
          callsById={props.callsById}
          direction={props.direction}
        />
      ))}
    </div>
  );
}

/** The tab straight from a run's events and calls (derivation memoised on its inputs). */
export const BackwardTabForRun = memo(function BackwardTabForRun(props: {
  events: readonly SessionEvent[];
  calls: readonly CallRecord[];
  nodeId: string;
  iteration: number;
}) {
  const { events, calls, nodeId, iteration } = props;
  const view = useMemo(
    () => nodeBackwardView(events, calls, nodeId, iteration),
    [events, calls, nodeId, iteration],
  );
  const callsById = useMemo(() => indexCalls(calls), [calls]);
  return <BackwardTab view={view} callsById={callsById} />;
});
