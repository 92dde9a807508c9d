/** One call's exact request and response, expandable, with tokens, cost, latency and attempts. */
import type { CallRecord } from '@backflow/engine';
import { memo } from 'react';
import { ms, tokens, usd } from './format';
import { Chip, MUTED, TextBlock } from './primitives';

/** The numbers of a call on one line. */
export function CallFacts({ call }: { call: CallRecord }) {
  return (
    <span className={MUTED}>
      {call.purpose} · {call.model} · {tokens(call.usage.inputTokens, call.usage.outputTokens)} tokens
      {call.usage.cachedInputTokens ? ` (${call.usage.cachedInputTokens} input from the prompt cache)` : ''}
      {` · ${usd(call.costUsd)}`} · {ms(call.latencyMs)}
      {call.attempts > 1 && ` · ${call.attempts} attempts`}
      {call.cached && ' · cached'}
      {call.usage.reasoningTokens ? ` · ${call.usage.reasoningTokens} reasoning tokens` : ''}
      {call.finishReason === 'length' && ' · cut off at the token limit'}
      {call.answer && call.answer.reading !== 'direct' && ` · answer ${readingLabel(call.answer.reading)}`}
    </span>
  );
}

/** The messages sent and the text (or error) that came back. */
export const CallBody = memo(function CallBody({ call }: { call: CallRecord }) {
  return (
    <div className="flex flex-col gap-1.5" data-testid="call-body">
      {call.request.messages.map((m, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a request's messages are a fixed list
        <TextBlock key={i} label={`request · ${m.role}`} text={m.content} />
      ))}
      {call.error !== undefined ? (
        <TextBlock label="error" text={call.error} tone="bad" />
      ) : (
        <TextBlock label="response" text={call.responseText} />
      )}
      {call.reasoning !== undefined && <TextBlock label="reasoning (sent apart)" text={call.reasoning} />}
      {call.answer && call.answer.reading !== 'direct' && (
        <TextBlock
          label={`answer ${readingLabel(call.answer.reading)}`}
          text={call.answer.error ?? call.answer.leniencies?.join('; ')}
          tone={call.answer.reading === 'unreadable' ? 'bad' : 'plain'}
        />
      )}
      {call.notes?.map((note) => (
        <TextBlock key={note} label="provider note" text={note} />
      ))}
    </div>
  );
});

/** How an answer read, in the words the call log uses. */
function readingLabel(reading: 'direct' | 'lenient' | 'unreadable'): string {
  return { direct: 'read as asked', lenient: 'read leniently', unreadable: 'unreadable' }[reading];
}

/**
 * A call referenced by id: a collapsed summary that opens to the exact request and response.
 * Shows the id alone when the record is not (yet) available.
 */
export const CallDetails = memo(function CallDetails({
  callId,
  call,
  title,
}: {
  callId: string;
  call: CallRecord | undefined;
  title?: string;
}) {
  if (!call) return <span className={MUTED}>call {callId} (record not available)</span>;
  return (
    <details className="rounded border border-slate-200 px-2 py-1 text-xs dark:border-slate-700">
      <summary className="cursor-pointer">
        <span className="font-medium">{title ?? 'LLM call'}</span> <CallFacts call={call} />{' '}
        {call.error !== undefined && <Chip tone="bad">error</Chip>}
      </summary>
      <div className="pt-1.5">
        <CallBody call={call} />
      </div>
    </details>
  );
});
