import type { AlgorithmName } from '../algorithms/registry';
import type { NodeBlame } from '../backward/blame';
import type { BackwardRule } from '../backward/rule';
import type { BackwardExample, BackwardScore, BackwardSignal } from '../backward/types';
import type { RunContext } from '../context';
import type { Example } from '../datasets/types';
import type { RunForwardArgs } from '../forward/run';
import type { ExampleTrace } from '../forward/types';
import type { Workflow } from '../graph/schema';

/**
 * The parts of the engine a session drives, as the session needs them. The session takes them as
 * an argument (default: the real forward/, loss/ and backward/ modules, see `default-parts.ts`) so
 * the loop stays independent of any one implementation and tests can swap one part at a time.
 */

/** The score of one example, per output node (loss/'s `ExampleScore`, as backward/ restates it). */
export type ScoredExample = BackwardScore;

/** One algorithm's backward rule as the session drives it (the pluggable part of the shared walk). */
export type BackwardRuleLike = Pick<BackwardRule, 'seed' | 'backwardNode'>;

/** What a session calls into; see the module comment. */
export interface EngineParts {
  runForward(
    ctx: RunContext,
    // Streaming and `onEvent` are for display only, never part of the session's state.
    args: Pick<RunForwardArgs, 'workflow' | 'examples' | 'callKeyPrefix' | 'stream' | 'onEvent' | 'reuse'>,
  ): Promise<ExampleTrace[]>;
  scoreExample(
    ctx: RunContext,
    workflow: Workflow,
    example: Example,
    trace: ExampleTrace,
    opts?: { callKeyPrefix?: string },
  ): Promise<ScoredExample>;
  /** Per algorithm name: its backward rule (absent for an optimizer that does not walk). */
  backwardRules: Partial<Record<AlgorithmName, BackwardRuleLike>>;
  /** Node ids in the order their backward step runs (every successor before its predecessors). */
  backwardOrder(workflow: Workflow): string[];
  computeBlame(
    algorithm: AlgorithmName,
    workflow: Workflow,
    signals: BackwardSignal[],
    targets: Record<string, Record<string, string>>,
    batch: BackwardExample[],
  ): Record<string, NodeBlame>;
}
