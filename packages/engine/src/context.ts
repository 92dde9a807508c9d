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
   * Runs `code` nodes (and, by default, `js` losses). Defaults to the in-realm function runner,
   * which is only fit for trusted local workflows; the studio supplies a sandboxed Worker runner.
   */
  codeRunner?: CodeRunner;
}
