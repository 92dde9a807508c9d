import * as z from 'zod';
import type { RunContext } from '../context';
import type { AnswerCheck, AnswerFormat, CallMeta, ChatMessage } from '../providers/types';
import { readAnswerObjects } from './answer-reader';
import { compactContext } from './context';
import { toContextBlock } from './json-block';
import type { TaskPayload } from './tasks';

/**
 * A meta-prompt ready to send. It states its context once: static text first (the system message,
 * the instructions, the answer format: the same for every call of the template), then the
 * per-call context as one compact json block, which real models and the simulator both read.
 */
export interface MetaPrompt {
  /** Name and version of the template that built it, e.g. "sembp.gradient@2"; kept in records. */
  templateId: string;
  system: string;
  /** The question, naming the context's fields; no per-call text. */
  instructions: string;
  /** Prose describing the answer format (the json block the model must end with). */
  answerInstructions: string;
  /** The per-call context: the only place the request's values appear. */
  payload: TaskPayload;
  /** The payload's top-level fields in the order they are sent (default: the payload's own order). */
  contextKeys?: readonly string[];
}

/** The line that introduces the context block, the same in every meta-prompt. */
export const CONTEXT_HEADING = 'Context:';

/**
 * How a structured answer was obtained: read as asked (`direct`), read after named repairs
 * (`lenient`), read only from the repair call's answer (`repaired`), or not at all (`failed`).
 */
export type AnswerReading = 'direct' | 'lenient' | 'repaired' | 'failed';

/** The outcome of asking the optimizer model a structured question. */
export type AskResult<T> =
  | { ok: true; value: T; callIds: string[]; rawText: string; reading?: AnswerReading }
  | { ok: false; error: string; callIds: string[]; rawText?: string; reading?: AnswerReading };

/**
 * Renders a meta-prompt into chat messages: the static text first (system, instructions, answer
 * format), so an iteration's calls of one template share it as a prefix, then the context block.
 */
export function metaPromptMessages(prompt: MetaPrompt): ChatMessage[] {
  const keys = prompt.contextKeys ?? Object.keys(prompt.payload);
  return [
    { role: 'system', content: prompt.system },
    {
      role: 'user',
      content: `${prompt.instructions}\n\n${prompt.answerInstructions}\n\n${CONTEXT_HEADING}\n${toContextBlock(compactContext(prompt.payload), keys)}`,
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
  const answerFormat = answerFormatOf(prompt.payload.task, schema);
  const complete = (sent: ChatMessage[], callMeta: CallMeta) =>
    ctx.optimizerModel.complete({
      messages: sent,
      temperature: 0,
      signal: ctx.signal,
      meta: callMeta,
      answerFormat,
    });
  const first = await complete(messages, meta);
  const callIds = [first.callId];
  const parsed = parseAnswer(first.text, schema);
  if (parsed.ok) {
    const reading = parsed.leniencies.length > 0 ? 'lenient' : 'direct';
    return { ok: true, value: parsed.value, callIds, rawText: first.text, reading };
  }

  const repairMessages: ChatMessage[] = [
    ...messages,
    { role: 'assistant', content: first.text },
    {
      role: 'user',
      // The context is in the request above; it is not sent a second time.
      content: `Your answer could not be read: ${parsed.error}. Answer the request above again, ending with exactly one fenced \`\`\`json block in the requested format.`,
    },
  ];
  const repairMeta: CallMeta = {
    ...meta,
    purpose: 'repair',
    callKey: meta.callKey ? `${meta.callKey}#repair` : undefined,
  };
  const second = await complete(repairMessages, repairMeta);
  callIds.push(second.callId);
  const reparsed = parseAnswer(second.text, schema);
  if (reparsed.ok) {
    return { ok: true, value: reparsed.value, callIds, rawText: second.text, reading: 'repaired' };
  }
  return {
    ok: false,
    error: `${prompt.templateId}: ${reparsed.error}`,
    callIds,
    rawText: second.text,
    reading: 'failed',
  };
}

/** A parsed answer and the leniencies its reading took (none: read as asked). */
export type ParsedAnswer<T> = { ok: true; value: T; leniencies: string[] } | { ok: false; error: string };

/**
 * Reads the answer object of `text` (see answer-reader.ts) and validates it against `schema`: the
 * most likely candidate that matches wins; when none does, the reason names the most likely one's
 * first mismatch, so a person (or the repair prompt) can act on it.
 */
export function parseAnswer<T>(text: string, schema: z.ZodType<T>): ParsedAnswer<T> {
  const found = readAnswerObjects(text);
  if (!found.ok) return { ok: false, error: found.error };
  let firstError: string | undefined;
  for (const candidate of found.candidates) {
    const result = schema.safeParse(candidate.value);
    if (result.success) return { ok: true, value: result.data, leniencies: candidate.leniencies };
    if (firstError === undefined) {
      const issue = result.error.issues[0];
      const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
      firstError = `the answer's JSON does not match the expected answer${where}: ${issue?.message ?? 'invalid'}`;
    }
  }
  return { ok: false, error: firstError ?? 'the answer has no JSON object' };
}

/** How an answer's text reads against `schema`, for the call record. */
export function checkAnswer<T>(text: string, schema: z.ZodType<T>): AnswerCheck {
  const parsed = parseAnswer(text, schema);
  if (!parsed.ok) return { reading: 'unreadable', error: parsed.error };
  if (parsed.leniencies.length === 0) return { reading: 'direct' };
  return { reading: 'lenient', leniencies: parsed.leniencies };
}

const formats = new WeakMap<z.ZodType, Omit<AnswerFormat, 'name'>>();

/**
 * The answer format of a task: zod's own JSON Schema of the answer (input side, so defaults are
 * optional), for endpoints with structured outputs, and the check the call record reports.
 */
export function answerFormatOf<T>(task: string, schema: z.ZodType<T>): AnswerFormat {
  let format = formats.get(schema);
  if (!format) {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    const { $schema: _dialect, ...jsonSchema } = json;
    const cleaned = withoutPropertyNames(jsonSchema) as Record<string, unknown>;
    format = { schema: cleaned, strict: isStrictSchema(cleaned), check: (text) => checkAnswer(text, schema) };
    formats.set(schema, format);
  }
  return { name: task.replace(/[^A-Za-z0-9_-]/g, '_'), ...format };
}

/** `propertyNames` removed everywhere: OpenAI's schema subset does not accept it (record keys are strings anyway). */
function withoutPropertyNames(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutPropertyNames);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'propertyNames') out[key] = withoutPropertyNames(value);
  }
  return out;
}

/**
 * True when every object of the schema lists all its properties as required and allows no others:
 * what OpenAI's strict mode demands. Schemas with optional fields or free-keyed records are sent
 * with `strict: false` instead of being refused.
 */
export function isStrictSchema(node: unknown): boolean {
  if (Array.isArray(node)) return node.every(isStrictSchema);
  if (!node || typeof node !== 'object') return true;
  const n = node as Record<string, unknown>;
  if (n.type === 'object') {
    const keys = Object.keys((n.properties as object | undefined) ?? {});
    const required = new Set((n.required as string[] | undefined) ?? []);
    if (n.additionalProperties !== false || keys.some((k) => !required.has(k))) return false;
  }
  return Object.values(n).every(isStrictSchema);
}
