/**
 * Tokens per backward call, from call records alone (pure: no engine code, so the same figures
 * can be computed from another version's records, which is how the stored "before" figures of
 * bench 3 were made): input tokens per call by call kind, and the share of input in a prefix
 * repeated from an earlier call of the same iteration (what a provider's prompt-prefix cache can
 * serve).
 */
import type { CallRecord } from '@backflow/engine';

/** Update call keys end in the update's name; these are the meta-prompts behind them. */
const UPDATE_KINDS: Record<string, string> = {
  edit: 'gtbp.edit',
  rewrite: 'sembp.update',
  critique: 'sembp.critique',
  tgd: 'textgrad.update',
};

/** The meta-prompt a backward or update call used, from its call key ("gtbp.invert.weighed"...). */
export function callKind(record: Pick<CallRecord, 'callKey' | 'purpose'>): string {
  if (record.purpose === 'judge') return 'judge';
  const parts = (record.callKey ?? '').split('/');
  const template = parts.find((p) => /^(gtbp|sembp|textgrad|judge)\./.test(p));
  if (template) return template;
  const last = parts.at(-1) ?? '';
  return UPDATE_KINDS[last] ?? `${record.purpose}:${last}`;
}

/** True for the calls bench 3 measures: the backward pass (seed, gradients) and the updates. */
export function isBackwardCall(record: Pick<CallRecord, 'purpose'>): boolean {
  return record.purpose !== 'forward' && record.purpose !== 'judge' && record.purpose !== 'repair';
}

/** A request as one text, the way serve-sim's prompt cache compares prompts. */
export function requestText(record: Pick<CallRecord, 'request'>): string {
  return record.request.messages.map((m) => `${m.role}\n${m.content}\n`).join('');
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Figures of one call kind. */
export interface KindFigures {
  kind: string;
  calls: number;
  /** Input tokens per call as the endpoint counted them (the simulator: characters / 4). */
  inputTokensPerCall: number;
  /** The same requests counted with a real tokenizer (o200k), when a counter is given. */
  o200kPerCall?: number;
  /** Share of the input in a prefix that an earlier call of the iteration already sent. */
  repeatedPrefixShare: number;
}

/**
 * Per call kind: calls, input tokens per call, and the repeated-prefix share. `records` are all
 * the calls of one iteration (forward calls count as earlier prompts a prefix may repeat); only
 * those `include` accepts (default: backward and update calls) are figured; `count` is an
 * optional real tokenizer.
 */
export function tokenFigures(
  records: readonly CallRecord[],
  options: { include?: (record: CallRecord) => boolean; count?: (text: string) => number } = {},
): KindFigures[] {
  const { include = isBackwardCall, count } = options;
  const ordered = [...records].sort((a, b) => a.startedAt - b.startedAt);
  const seen: string[] = [];
  const byKind = new Map<
    string,
    { calls: number; input: number; o200k: number; chars: number; shared: number }
  >();
  for (const record of ordered) {
    const text = requestText(record);
    let shared = 0;
    for (const earlier of seen) shared = Math.max(shared, commonPrefix(earlier, text));
    seen.push(text);
    if (!include(record)) continue;
    const kind = callKind(record);
    const k = byKind.get(kind) ?? { calls: 0, input: 0, o200k: 0, chars: 0, shared: 0 };
    k.calls++;
    k.input += record.usage.inputTokens;
    k.o200k += count ? record.request.messages.reduce((s, m) => s + count(m.content), 0) : 0;
    k.chars += text.length;
    k.shared += shared;
    byKind.set(kind, k);
  }
  return [...byKind].map(([kind, k]) => ({
    kind,
    calls: k.calls,
    inputTokensPerCall: Math.round(k.input / k.calls),
    ...(count ? { o200kPerCall: Math.round(k.o200k / k.calls) } : {}),
    repeatedPrefixShare: Math.round((k.shared / Math.max(1, k.chars)) * 1000) / 1000,
  }));
}
