import { algorithmDefinition } from '../algorithms/registry';
import type { Workflow } from '../graph/schema';
import { isStepKind } from '../nodes/registry';
import type { AlgorithmName, BackwardNodeInput, BackwardSignal } from './types';
import { nodeOutput, sameText } from './walk';

/** A node's blame for one iteration, with the raw counts it is computed from (shown beside it). */
export interface NodeBlame {
  /**
   * (changed + own) / (2 · total), in [0, 1]; 0 when nothing was back-propagated. Being asked to
   * change counts half; keeping the discrepancy (passing no change upstream) counts the other half.
   */
  blame: number;
  /** Back-propagated examples on which the node is asked to change. */
  changed: number;
  /** Back-propagated examples (the error batch). */
  total: number;
  /**
   * Of the `changed` examples, those on which the node passed no change request upstream (every
   * step predecessor's message or target from it says "no change", or it has none): the
   * discrepancy is the node's own, not its inputs'. Without it, the node feeding an output is
   * always "changed" on a failing batch and an upstream culprit could only tie with it.
   */
  own: number;
}

/** Per node id, the targets GTBP assigned per example id (a `BackwardNodeResult.targets` each). */
export type TargetsByNode = Readonly<Record<string, Readonly<Record<string, string>>>>;

/**
 * THE definition of blame, for every method (ALGORITHMS.md, "Blame"; docs/algorithms.md, "Blame"):
 * per llm or code node, the mean of two shares of the back-propagated examples: those on which the
 * node is asked to change (ALGORITHMS.md's figure, `changed`), and those on which it is asked to
 * change AND passes no change upstream (`own`: the discrepancy stays with the node, as GTBP's local
 * error and semantic backprop's "no input is at fault" say). The second share only separates nodes
 * the first ties: a node whose discrepancy was explained by its input (its inputs retargeted)
 * ranks below the node where the explanation stopped.
 * - GTBP: the node's target differs from its output (its local discrepancy). An example that
 *   brought the node no target counts as no discrepancy.
 * - Semantic backpropagation and TextGrad: at least one message about the node's output on that
 *   example asks for a change; a "no change" message, an empty one, or none counts as none.
 *   TextGrad's gradients on the node's own prompt are not incoming messages and do not count.
 */
export function computeBlame(
  algorithm: AlgorithmName,
  workflow: Workflow,
  signals: readonly BackwardSignal[],
  targets: TargetsByNode,
  batch: BackwardNodeInput['batch'],
): Record<string, NodeBlame> {
  const out: Record<string, NodeBlame> = {};
  for (const [nodeId, e] of Object.entries(blameEvidence(algorithm, workflow, signals, targets, batch))) {
    const changed = e.askedOn.length;
    const own = e.keptOn.length;
    out[nodeId] = { blame: blameFigure(changed, own, e.total), changed, total: e.total, own };
  }
  return out;
}

/** Why a node holds its blame: the examples behind each count of {@link NodeBlame}. */
export interface NodeEvidence {
  /** Error-batch examples on which the node was asked to change (`changed` of them). */
  askedOn: string[];
  /** Of those, the ones on which it kept the discrepancy: passed no change upstream (`own`). */
  keptOn: string[];
  /** Examples back-propagated. */
  total: number;
}

/**
 * The evidence behind {@link computeBlame}, per llm or code node: the example ids it was asked to
 * change on and the ones on which it kept the discrepancy, classified exactly as the counts are
 * (computeBlame counts these lists).
 */
export function blameEvidence(
  algorithm: AlgorithmName,
  workflow: Workflow,
  signals: readonly BackwardSignal[],
  targets: TargetsByNode,
  batch: BackwardNodeInput['batch'],
): Record<string, NodeEvidence> {
  const out: Record<string, NodeEvidence> = {};
  const fromTargets = algorithmDefinition(algorithm).blameFrom === 'targets';
  for (const node of workflow.nodes) {
    if (!isStepKind(node.kind)) continue;
    const askedOn: string[] = [];
    const keptOn: string[] = [];
    for (const { example, trace } of batch) {
      const asked = fromTargets
        ? targetDiffers(targets[node.id]?.[example.id], nodeOutput(trace, node.id))
        : signals.some(
            (s) =>
              s.nodeId === node.id &&
              s.exampleId === example.id &&
              s.about !== 'prompt' &&
              s.asksForChange &&
              s.text.trim() !== '',
          );
      if (!asked) continue;
      askedOn.push(example.id);
      const passedOn = signals.some(
        (s) =>
          s.fromNodeId === node.id && s.exampleId === example.id && s.about !== 'prompt' && s.asksForChange,
      );
      if (!passedOn) keptOn.push(example.id);
    }
    out[node.id] = { askedOn, keptOn, total: batch.length };
  }
  return out;
}

function targetDiffers(target: string | undefined, output: string | undefined): boolean {
  if (target === undefined) return false;
  return output === undefined || !sameText(target, output);
}

/**
 * THE blame figure, the one the canvas paints, the Backward tab shows and both reports print: the
 * shares of examples asked to change and kept as the node's own, averaged. Nothing else computes
 * it; everything else reads `NodeBlame.blame`.
 */
export function blameFigure(changed: number, own: number, total: number): number {
  return total === 0 ? 0 : (changed + own) / (2 * total);
}

/** The blame figure as every view prints it (canvas, Backward tab, report.md): two decimals. */
export function formatBlame(figure: number): string {
  return figure.toFixed(2);
}
