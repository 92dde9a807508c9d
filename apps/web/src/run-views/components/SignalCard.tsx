/** One backward message with its provenance: who sent it, what it was conditioned on, which call. */
import type { CallRecord } from '@backflow/engine';
import { memo } from 'react';
import type { SignalView } from '../derive/backward-view';
import { CallDetails } from './CallDetails';
import { Chip, MUTED, TextBlock } from './primitives';

const KIND_LABEL: Record<SignalView['kind'], string> = {
  target: 'target',
  gradient: 'semantic gradient',
  comment: 'comment',
  criticism: 'criticism',
  seed: 'seed (from the loss)',
};

/** A signal; `direction` says whether the node received it or sent it to a predecessor. */
export const SignalCard = memo(function SignalCard({
  signal,
  callsById,
  direction,
}: {
  signal: SignalView;
  callsById: ReadonlyMap<string, CallRecord>;
  direction: 'received' | 'emitted';
}) {
  const siblings = Object.entries(signal.siblingOutputs);
  const who = direction === 'received' ? `from ${signal.fromNodeId}` : `to ${signal.nodeId}`;
  return (
    <div
      className="flex flex-col gap-1 rounded border border-slate-200 p-1.5 dark:border-slate-700"
      data-testid="signal"
    >
      <div className="flex flex-wrap items-center gap-1.5 text-xs">
        <span className="font-medium">{KIND_LABEL[signal.kind]}</span>
        <span className={MUTED}>{who}</span>
        {signal.about === 'prompt' && <Chip>about the prompt</Chip>}
        <Chip tone={signal.asksForChange ? 'warn' : 'good'}>
          {signal.asksForChange ? 'asks for a change' : 'no change'}
        </Chip>
      </div>
      <TextBlock text={signal.text} />
      {signal.suggestedValue !== undefined && signal.suggestedValue !== signal.text && (
        <TextBlock label="suggested value" text={signal.suggestedValue} tone="target" />
      )}
      {siblings.length > 0 && (
        <div className="flex flex-col gap-1" data-testid="sibling-outputs">
          <span className={MUTED}>Conditioned on the sibling outputs:</span>
          {siblings.map(([id, output]) => (
            <TextBlock key={id} label={id} text={output} />
          ))}
        </div>
      )}
      {signal.callId && (
        <CallDetails
          callId={signal.callId}
          call={callsById.get(signal.callId)}
          title="Request and response"
        />
      )}
    </div>
  );
});
