import type { CodeRunner } from './code/types';
import type { CallRecorder, ChatModel } from './providers/types';

/**
 * Everything a unit of engine work needs from the outside, passed explicitly (no singletons):
 * the models, where call records go, and the signal that cancels the work.
 */
export interface RunContext {
  /** Runs the workflow's llm nodes. */
  forwardModel: ChatModel;
  /** Answers backward, update and judge requests; may be the same object as `forwardModel`. */
  optimizerModel: ChatModel;
  /** Receives every call record (persisted by the host: IndexedDB in the studio, files in the CLI). */
  record?: CallRecorder;
  signal?: AbortSignal;
  /**
   * How many calls `forwardModel`'s endpoint takes at once, when the host knows: a forward run
   * keeps enough examples in progress to keep that many calls ready (`examplesInFlight`).
   */
  forwardConcurrency?: number;
  /**
   * Runs `code` nodes (and, by default, `js` losses). Defaults to the in-realm function runner,
   * which is only fit for trusted local workflows; the studio supplies a sandboxed Worker runner.
   */
  codeRunner?: CodeRunner;
}

/**
 * `ctx` with each of its models wrapped by `wrap`, once per distinct model: when the forward and
 * optimizer models are one object, so is their wrapper (the journal, the prefetch store).
 */
export function withWrappedModels(ctx: RunContext, wrap: (model: ChatModel) => ChatModel): RunContext {
  const forwardModel = wrap(ctx.forwardModel);
  const optimizerModel = ctx.optimizerModel === ctx.forwardModel ? forwardModel : wrap(ctx.optimizerModel);
  return { ...ctx, forwardModel, optimizerModel };
}
