/**
 * The simulated model's whole brain: read the request; if it carries a backward task (a context
 * block, one fenced ```json block with a known `task`), answer it by search; otherwise it is a
 * forward call. Noise, when configured, replaces some answers with plausible wrong ones.
 */
import { type ChatMessage, readRequestBlock, type TaskPayload, taskPayloadSchema } from '../engine';
import { gepaReflect } from './backward/gepa';
import { gtbpEdit, gtbpInvert, gtbpReconcile } from './backward/gtbp';
import { judge } from './backward/judge';
import { noisyAnswer } from './backward/optimizer-noise';
import { sembpCritique, sembpGradient, sembpUpdate } from './backward/sembp';
import { textgradGradient, textgradLoss, textgradUpdate } from './backward/textgrad';
import { respondForward } from './forward';
import { requestNoise } from './noise';

export interface WorldOptions {
  seed: number;
  /** Share of forward calls that slip (skip one step). */
  forwardErrorRate: number;
  /** Share of backward answers replaced by plausible wrong ones. */
  optimizerErrorRate: number;
}

/**
 * The task payload of a request: the context block of its latest user message that carries one
 * (a repair turn refers back to the request above it, as a real model reads the conversation),
 * if it names a task the simulator knows.
 */
export function readTask(messages: readonly ChatMessage[]): TaskPayload | { invalid: string } | null {
  const block = readRequestBlock(messages);
  if (!block?.ok) return null;
  const value = block.value as { task?: unknown } | null;
  if (!value || typeof value !== 'object' || typeof value.task !== 'string') return null;
  const parsed = taskPayloadSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  return { invalid: `${first?.path.join('.') || 'payload'}: ${first?.message ?? 'invalid'}` };
}

/**
 * The search that answers each task, by task name. A record over every task the engine sends, so
 * that a new task does not compile until it has an answer here.
 */
const ANSWERS: { [Name in TaskPayload['task']]: (task: Extract<TaskPayload, { task: Name }>) => string } = {
  'sembp.gradient': sembpGradient,
  'sembp.critique': sembpCritique,
  'sembp.update': sembpUpdate,
  'textgrad.loss': textgradLoss,
  'textgrad.gradient': textgradGradient,
  'textgrad.update': textgradUpdate,
  'gtbp.invert': gtbpInvert,
  'gtbp.reconcile': gtbpReconcile,
  'gtbp.edit': gtbpEdit,
  'gepa.reflect': gepaReflect,
  judge,
};

/** Answers one backward task by search (no noise). */
export function answerTask(task: TaskPayload): string {
  // The record pairs each name with its task's answer, which TypeScript cannot narrow on a lookup.
  return (ANSWERS[task.task] as (task: TaskPayload) => string)(task);
}

/** The simulated model's answer to a whole request. */
export function respond(messages: readonly ChatMessage[], options: WorldOptions): string {
  const noise = requestNoise(options.seed, messages);
  const task = readTask(messages);
  if (task === null) return respondForward(messages, noise, options.forwardErrorRate);
  if ('invalid' in task) {
    return `I cannot read the task in the json block (${task.invalid}), so I cannot answer it.`;
  }
  if (noise.chance('optimizer-error', options.optimizerErrorRate)) return noisyAnswer(task, noise);
  return answerTask(task);
}
