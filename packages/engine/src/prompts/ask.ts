import type { z } from 'zod';
import type { RunContext } from '../context';
import type { CallMeta, ChatMessage } from '../providers/types';
import { readLastJsonBlock, toJsonBlock } from './json-block';
import type { TaskPayload } from './tasks';

/** A meta-prompt ready to send: prose for people and models, plus the machine-readable payload. */
export interface MetaPrompt {
  /** Name and version of the template that built it, e.g. "sembp.gradient@1"; kept in records. */
  templateId: string;
  system: string;
  /** Prose that states the same context as the payload, for real models. */
  prose: string;
  payload: TaskPayload;
  /** Prose describing the answer format (the json block the model must end with). */
  answerInstructions: string;
}

/** The outcome of asking the optimizer model a structured question. */
export type AskResult<T> =
  | { ok: true; value: T; callIds: string[]; rawText: string }
  | { ok: false; error: string; callIds: string[]; rawText?: string };

/** Renders a meta-prompt into chat messages: prose, then the single fenced json block. */
export function metaPromptMessages(prompt: MetaPrompt): ChatMessage[] {
  return [
    { role: 'system', content: prompt.system },
    {
      role: 'user',
      content: `${prompt.prose}\n\n${toJsonBlock(prompt.payload)}\n\n${prompt.answerInstructions}`,
    },
  ];
}

/**
 * Sends a meta-prompt to the optimizer model and parses the answer strictly against `schema`.
 * A malformed answer gets exactly one repair request (the model sees its answer and the reason);
 * a second failure is returned as a visible failure, never as an empty result.
 */
export async function askStructured<T>(
  ctx: RunContext,
  prompt: MetaPrompt,
  schema: z.ZodType<T>,
  meta: CallMeta,
): Promise<AskResult<T>> {
  const messages = metaPromptMessages(prompt);
  const callIds: string[] = [];
  const first = await ctx.optimizerModel.complete({ messages, temperature: 0, signal: ctx.signal, meta });
  callIds.push(first.callId);
  const parsed = parseAnswer(first.text, schema);
  if (parsed.ok) return { ok: true, value: parsed.value, callIds, rawText: first.text };

  const repairMessages: ChatMessage[] = [
    ...messages,
    { role: 'assistant', content: first.text },
    {
      role: 'user',
      content: `Your answer could not be read: ${parsed.error}. Answer again, ending with exactly one fenced \`\`\`json block in the requested format.\n\n${toJsonBlock(prompt.payload)}`,
    },
  ];
  const repairMeta: CallMeta = {
    ...meta,
    purpose: 'repair',
    callKey: meta.callKey ? `${meta.callKey}#repair` : undefined,
  };
  const second = await ctx.optimizerModel.complete({
    messages: repairMessages,
    temperature: 0,
    signal: ctx.signal,
    meta: repairMeta,
  });
  callIds.push(second.callId);
  const reparsed = parseAnswer(second.text, schema);
  if (reparsed.ok) return { ok: true, value: reparsed.value, callIds, rawText: second.text };
  return { ok: false, error: `${prompt.templateId}: ${reparsed.error}`, callIds, rawText: second.text };
}

/** Parses the last json block of `text` against `schema`, with a reason a person can act on. */
export function parseAnswer<T>(
  text: string,
  schema: z.ZodType<T>,
): { ok: true; value: T } | { ok: false; error: string } {
  const block = readLastJsonBlock(text);
  if (!block.ok) return block;
  const result = schema.safeParse(block.value);
  if (result.success) return { ok: true, value: result.data };
  const first = result.error.issues[0];
  const where = first?.path.length ? ` at ${first.path.join('.')}` : '';
  return {
    ok: false,
    error: `the json block does not match the expected answer${where}: ${first?.message ?? 'invalid'}`,
  };
}
