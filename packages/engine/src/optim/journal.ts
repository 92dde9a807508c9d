import { type RunContext, withWrappedModels } from '../context';
import { costOf, DEFAULT_PRICES, type PriceTable } from '../providers/accounting';
import type { ChatModel, ChatRequest, ChatResponse } from '../providers/types';

/** A settled call kept in the session state, keyed by its `meta.callKey`. */
export interface JournalEntry {
  /** Fingerprint of the request's messages: a key reused for another request is not replayed. */
  requestHash: string;
  response: ChatResponse;
  /**
   * Fetched ahead of its unit by the lookahead and not used yet: not counted in the totals until
   * its unit takes it, and kept when other units end (the unit it belongs to has not run).
   */
  ahead?: true;
}

/** Running totals of the calls actually made (replays and cached answers cost nothing new). */
export interface CallTotals {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** Where a journaling context keeps its entries and totals: the session state, mutated in place. */
export interface JournalStore {
  journal: Record<string, JournalEntry>;
  totals: CallTotals;
}

/** Zero totals. */
export function emptyTotals(): CallTotals {
  return { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
}

/**
 * Wraps a context's models so that a request whose `meta.callKey` is already in the journal (with
 * the same messages) is answered from the journal instead of being sent again, and every new answer
 * is written to the journal as soon as it arrives. That is what lets a unit interrupted half-way
 * (abort, crash, reload) be re-run from a checkpoint without repeating its settled calls, and what
 * makes a resumed session reach exactly the same answers. Calls without a callKey are never replayed.
 *
 * It also keeps the store's totals: calls, tokens and cost of every call that settled with an
 * answer, priced from `options.prices` by the model that answered: the same table the provider
 * layer prices its call records with (default {@link DEFAULT_PRICES}, also the provider layer's
 * default), so the session's `totals.costUsd` equals the sum of the call records' `costUsd`. A
 * replayed answer was counted when it first settled and is not counted again; an answer from the
 * provider's cache costs nothing (no endpoint was called). Failed calls are not counted (their
 * records cost nothing).
 */
export function journaledContext(
  ctx: RunContext,
  store: JournalStore,
  options: { prices?: PriceTable | undefined } = {},
): RunContext {
  const prices = options.prices ?? DEFAULT_PRICES;
  return withWrappedModels(ctx, (model) => journaledModel(model, store, prices));
}

function journaledModel(model: ChatModel, store: JournalStore, prices: PriceTable): ChatModel {
  return {
    label: model.label,
    simulated: model.simulated,
    async complete(request: ChatRequest): Promise<ChatResponse> {
      const key = request.meta?.callKey;
      const hash = key === undefined ? '' : hashRequest(request);
      const hit = key === undefined ? undefined : store.journal[key];
      if (hit && hit.requestHash === hash) {
        if (hit.ahead) {
          // An answer fetched early is paid for when its unit takes it, once.
          count(store.totals, hit.response, request, prices);
          delete hit.ahead;
        }
        return structuredClone(hit.response);
      }
      const response = await model.complete(request);
      count(store.totals, response, request, prices);
      if (key !== undefined) store.journal[key] = { requestHash: hash, response: plainResponse(response) };
      return response;
    },
  };
}

function count(totals: CallTotals, response: ChatResponse, request: ChatRequest, prices: PriceTable): void {
  totals.calls += 1;
  if (response.cached) return;
  totals.inputTokens += response.usage.inputTokens;
  totals.outputTokens += response.usage.outputTokens;
  // Priced like the provider's call record: by the model that answered, else the one asked.
  totals.costUsd += costOf(response.model || request.model || '', response.usage, prices);
}

/**
 * Writes an answer fetched ahead of its unit to the journal (marked `ahead`, not counted), unless
 * the key already has an entry: a checkpoint then holds it, and a resumed unit replays it instead
 * of paying for the call again.
 */
export function journalAhead(
  store: JournalStore,
  key: string,
  requestHash: string,
  response: ChatResponse,
): void {
  if (store.journal[key]) return;
  store.journal[key] = { requestHash, response: plainResponse(response), ahead: true };
}

/** The journal a finished unit leaves: answers fetched ahead, under `keyPrefix` (this iteration's). */
export function aheadEntries(
  journal: Record<string, JournalEntry>,
  keyPrefix: string,
): Record<string, JournalEntry> {
  const kept: Record<string, JournalEntry> = {};
  for (const [key, entry] of Object.entries(journal)) {
    if (entry.ahead && key.startsWith(keyPrefix)) kept[key] = entry;
  }
  return kept;
}

/** Keeps only the JSON fields of a response (no functions, no undefined). */
function plainResponse(response: ChatResponse): ChatResponse {
  const plain: ChatResponse = {
    text: response.text,
    usage: { inputTokens: response.usage.inputTokens, outputTokens: response.usage.outputTokens },
    model: response.model,
    callId: response.callId,
  };
  if (response.cached !== undefined) plain.cached = response.cached;
  return plain;
}

/** FNV-1a over the model name and messages: cheap, stable across processes. */
export function hashRequest(request: ChatRequest): string {
  const text = JSON.stringify([request.model ?? '', request.messages.map((m) => [m.role, m.content])]);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${h.toString(16)}:${text.length}`;
}
