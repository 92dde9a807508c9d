import type * as z from 'zod';
import type { BackwardRule } from '../backward/rule';
import type { Example } from '../datasets/types';
import type { Workflow } from '../graph/schema';
import type { PreflightEstimate } from '../optim/budget';
import type { GraphCounts } from '../optim/call-counts';
import type { SessionSettings } from '../optim/settings';
import type { SessionState } from '../optim/state';
import type { UpdateOperator } from '../optim/update/types';

/** The settings an algorithm chooses for itself; every other setting has one common default. */
export type AlgorithmDefaults = Pick<
  SessionSettings,
  'iterations' | 'batchSize' | 'errorBatchSize' | 'invertOnlyFailing' | 'gate' | 'gepa'
>;

/** The schema of one meta-prompt payload: an object whose literal `task` field names it. */
export type TaskSchema = z.ZodObject<{ task: z.ZodLiteral<string> } & z.ZodRawShape>;

/**
 * An algorithm's own settings. They are stored flat in `SessionSettings` beside the common ones
 * (so stored runs parse as before), and every session carries every algorithm's, filled from
 * `defaults`; optim/settings.ts composes the registered parts into the session's schemas.
 */
export interface AlgorithmSettingsPart {
  /** Its fields' schemas, as `SessionSettings` holds them. */
  shape: z.ZodRawShape;
  /** A block a caller may pass partially (`gtbp: { m0: 5 }`), as its partial schema, optional. */
  input: z.ZodRawShape;
  /** The value of each field it has one for, whatever algorithm runs. */
  defaults: Record<string, unknown>;
  /** Its ablation switches (`SessionSettings.ablations`), each `z.boolean().default(false)`. */
  ablations: Record<string, z.ZodDefault<z.ZodBoolean>>;
}

/**
 * What the call-count formulas (optim/call-counts.ts, docs/algorithms.md "Optimization") know of
 * one backward step v, an llm or code node: its llm/code predecessors, its successors, and whether
 * it is a trainable llm node (whose own prompt TextGrad differentiates).
 */
export interface BackwardStepShape {
  inPreds: number;
  successors: number;
  trainableLlm: boolean;
}

/** An algorithm's documented call counts per unit of work, for b back-propagated examples. */
export interface AlgorithmCallCounts {
  /** Calls that turn the loss into messages at the output nodes. */
  seed(counts: GraphCounts, b: number): number;
  /** Calls of the backward step at one llm or code node (an upper bound where a call may be skipped). */
  backwardStep(step: BackwardStepShape, b: number): number;
  /** Calls of one node's update. */
  updatePerNode(settings: Pick<SessionSettings, 'sembpUpdate'>): number;
}

/**
 * Everything the shared code needs from one optimization algorithm; each lives in its own folder
 * (`algorithms/<name>/index.ts`) and is listed once in `algorithms/registry.ts`, which the session,
 * the call counts, the settings and blame look it up in instead of switching on its name.
 *
 * A walk algorithm (semantic backprop, TextGrad, GTBP) gives a `backwardRule` that the shared
 * reverse walk drives node by node, and an `update` operator for each node the walk reached. An
 * optimizer that does not walk the graph backward leaves both out; the walk session then refuses
 * it with a sentence, and the optimizer is run by its own driver.
 */
export interface AlgorithmDefinition<
  Tasks extends readonly TaskSchema[] = readonly TaskSchema[],
  Settings extends AlgorithmSettingsPart = AlgorithmSettingsPart,
> {
  /** The registry key and `settings.algorithm` value. */
  name: string;
  /** A human name for pickers and reports, e.g. "Semantic backpropagation". */
  label: string;
  /** The settings it defaults to where the caller gave none (each paper's choices). */
  defaults: AlgorithmDefaults;
  /** Its backward rule, configured from the session's settings (variants, ablations, mode). */
  backwardRule?: (settings: SessionSettings) => BackwardRule;
  /** Its update operator, run once per node the walk delivered a signal about. */
  update?: UpdateOperator;
  /**
   * The payloads its meta-prompts carry (`<name>/tasks.ts`); prompts/tasks.ts gathers every
   * registered algorithm's into the union the simulator reads.
   */
  tasks: Tasks;
  /** Its own settings and ablations (`<name>/settings.ts`). */
  settings: Settings;
  calls: AlgorithmCallCounts;
  /**
   * What blame reads as "the node was asked to change": a target that differs from its output
   * ("targets", GTBP), or a message that asks for a change ("messages").
   */
  blameFrom: 'targets' | 'messages';
  /**
   * The settings worth printing beside a recipe of this algorithm (recipes/test-support/facts.ts:
   * the docs test checks docs/recipes.md against them).
   */
  facts?: (settings: SessionSettings) => Record<string, string>;
  /**
   * How a session of it starts, when not with the baseline and forward phases the backward
   * methods share: its first phase and its own part of the state (GEPA scores its seed first).
   */
  start?: (workflow: Workflow, train: readonly Example[], val: readonly Example[]) => AlgorithmStart;
  /**
   * Its calls per iteration and before the first, when they are not the backward methods'
   * (forward, backward walk, update, gate): the preflight counts these instead.
   */
  preflight?: (
    settings: SessionSettings,
    workflow: Workflow,
    sizes: { train: number; val: number },
  ) => { baseline: number; perIter: Omit<PreflightEstimate['breakdown'], 'baseline'> };
}

/** An algorithm's own start of a session: its first phase and state (see `start`). */
export type AlgorithmStart = Pick<SessionState, 'phase'> & Partial<Pick<SessionState, 'gepa'>>;
