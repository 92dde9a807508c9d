import type {
  BackwardNodeArgs,
  BackwardRule,
  BackwardSeedArgs,
  BackwardSeedResult,
} from '../../backward/rule';
import {
  askBackward,
  backwardNodeVia,
  collectOutcomes,
  emptyResult,
  entryFor,
  noOutputFailure,
  outputNodeIds,
  outputPasses,
  outputScore,
  requireEntries,
  type StepOutcome,
} from '../../backward/support';
import type { BackwardNodeResult, BackwardSignal } from '../../backward/types';
import {
  nodeOutput,
  receivedMessages,
  renderedUserMessage,
  siblingOutputs,
  stepPredecessors,
  taskInputs,
  toTaskNode,
} from '../../backward/walk';
import type { RunContext } from '../../context';
import type { GraphIndex } from '../../graph/topology';
import { readsExample } from '../../nodes/registry';
import type { BackwardMode } from '../../prompts/task-parts';
import { maskedUserMessage } from '../textgrad/backward';
import { buildSembpGradientPrompt } from './prompts';
import { type SembpGradientAnswer, sembpGradientAnswerSchema } from './tasks';

/**
 * Semantic backpropagation (Wang et al., arXiv 2412.03624). The seed is the expected answer as
 * text at each output ("The expected output is: ..."), with no loss call. At a node w with step
 * predecessors, ONE joint call per back-propagated example sees w's instruction, the example, all
 * of w's inputs together, w's output and every message w received, and answers one message per
 * predecessor: the neighbourhood conditioning that distinguishes it from TextGrad.
 */

export interface SemanticOptions {
  /** "target": how should each input change (the paper's main variant); "comment": a quality
   * comment per input that does not refer to the other inputs. */
  variant: 'target' | 'comment';
  /** Ablation (default false): one call per input, blind to the siblings (see backwardAtStep). */
  noSiblings: boolean;
  /**
   * "faithful" (default, the paper's gradient) or "weighed" (Backflow's extension: the call weighs
   * the node's own instruction against its inputs and may keep the discrepancy at the node).
   */
  mode: BackwardMode;
}

/** The seed: the expected answer as text; a judge's feedback where the loss is a judge. */
async function seed(_ctx: RunContext, args: BackwardSeedArgs): Promise<BackwardSeedResult> {
  const result: BackwardSeedResult = { signals: [], failures: [], callIds: [] };
  for (const item of args.batch) {
    for (const outputId of outputNodeIds(args.workflow)) {
      const { score, feedback, expected } = outputScore(args.workflow, item, outputId);
      const expectedText = expected === '' ? '' : `The expected output is: "${expected}".`;
      const judged = args.workflow.loss.kind === 'judge' && feedback !== undefined && feedback.trim() !== '';
      const text = judged ? [feedback!.trim(), expectedText].filter(Boolean).join(' ') : expectedText;
      if (text === '') {
        result.failures.push({
          nodeId: outputId,
          exampleId: item.example.id,
          reason: 'no expected value and no judge feedback to seed the backward pass with',
        });
        continue;
      }
      const signal: BackwardSignal = {
        kind: 'seed',
        nodeId: outputId,
        exampleId: item.example.id,
        fromNodeId: 'loss',
        text,
        asksForChange: !outputPasses(args.workflow, score),
        siblingOutputs: {},
      };
      if (expected !== '') signal.suggestedValue = expected;
      result.signals.push(signal);
    }
  }
  return result;
}

/**
 * Semantic backprop's step at a node w with step predecessors: per back-propagated example with a
 * message, ONE joint call that sees all of w's inputs. Without sibling information
 * (`ablations.sembpNoSiblings`; the reference code's `--no_include_sibling`, whose
 * `fdbk_prompt_no_sibling` asks about one hint at a time): one call per step predecessor instead,
 * showing only that predecessor's output among the step inputs (the others stay `{{name}}`
 * placeholders in the rendered message; dataset fields are shown), so no message can condition on
 * a sibling, and its messages carry no sibling outputs.
 */
async function backwardAtStep(
  ctx: RunContext,
  input: BackwardNodeArgs,
  index: GraphIndex,
  options: SemanticOptions,
): Promise<BackwardNodeResult> {
  const result = emptyResult(input.nodeId);
  const preds = stepPredecessors(index, input.nodeId);
  // A node fed only by the example has nobody upstream to message (the reference code returns
  // early for nodes without predecessors); its received messages serve its own update only.
  if (preds.length === 0) return result;
  const node = toTaskNode(index.nodeById.get(input.nodeId)!);
  const blind = options.noSiblings;
  // The predecessors each call asks about: all of them at once, or one per call.
  const groups = blind ? preds.map((pred) => [pred]) : [preds];
  const outcomes = await Promise.all(
    input.batch.map(async ({ example, trace }): Promise<StepOutcome[]> => {
      const messages = receivedMessages(input.received, example.id);
      // As in the reference code: no non-empty message, no call (the predecessors get nothing).
      if (messages.length === 0) return [];
      const output = nodeOutput(trace, input.nodeId);
      if (output === undefined) return [{ failure: noOutputFailure(input.nodeId, example.id), callIds: [] }];
      const all = taskInputs(index, input.nodeId, trace);
      return Promise.all(
        groups.map(async (asked): Promise<StepOutcome> => {
          const one = blind ? asked[0] : undefined;
          // The example's fields stay (they are the question); of the step inputs, only the asked one.
          const inputs = one === undefined ? all : all.filter((i) => i.id === one || readsExample(i.kind));
          const prompt = buildSembpGradientPrompt({
            variant: options.variant,
            node,
            example: { id: example.id, inputs: example.inputs },
            inputs,
            renderedUserMessage:
              one === undefined
                ? renderedUserMessage(trace, input.nodeId)
                : maskedUserMessage(index, input.nodeId, trace, one),
            output,
            messages,
            ...(options.mode === 'weighed' && !blind ? { mode: 'weighed' as const } : {}),
          });
          // Parsed strictly: each asked predecessor must have its entry.
          const schema = requireEntries<SembpGradientAnswer>(
            sembpGradientAnswerSchema,
            (a) => a.inputs,
            asked,
            inputs,
          );
          const answer = await askBackward(ctx, prompt, schema, {
            callKeyPrefix: input.callKeyPrefix,
            purpose: 'gradient',
            nodeId: input.nodeId,
            exampleId: example.id,
            inputId: one,
          });
          if (!answer.ok) return { failure: answer.failure, callIds: answer.callIds };
          // A weighed answer that keeps the discrepancy at this node asks no input to change.
          const keepsIt = options.mode === 'weighed' && !blind && answer.value.explanation === 'instruction';
          const signals = asked.map((pred): BackwardSignal => {
            const entry = entryFor(answer.value.inputs, pred, inputs)!;
            // A gradient (the target variant) or a comment on the predecessor's output.
            const signal: BackwardSignal = {
              kind: options.variant === 'target' ? 'gradient' : 'comment',
              nodeId: pred,
              exampleId: example.id,
              fromNodeId: input.nodeId,
              text: options.variant === 'comment' ? asOutputComment(entry.message) : entry.message,
              asksForChange: !keepsIt && entry.change && entry.message.trim() !== '',
              siblingOutputs: blind ? {} : siblingOutputs(index, trace, pred, input.nodeId),
              callId: answer.callId,
            };
            if (!keepsIt && entry.suggestedValue !== undefined) signal.suggestedValue = entry.suggestedValue;
            return signal;
          });
          return { signals, callIds: answer.callIds };
        }),
      );
    }),
  );
  result.emitted.push(...collectOutcomes(result, outcomes.flat()));
  return result;
}

/**
 * A comment written about "this input" is delivered to the predecessor as a comment on its own
 * output, so it is reworded the way the reference code does ("This hint ..." -> "The output ...").
 */
export function asOutputComment(message: string): string {
  return message.replace(/^\s*this input\b/i, 'The output');
}

/** Creates the semantic backpropagation rule with the given variant (default: "target"). */
export function createSemanticRule(options: Partial<SemanticOptions> = {}): BackwardRule {
  const resolved: SemanticOptions = {
    variant: options.variant ?? 'target',
    noSiblings: options.noSiblings ?? false,
    mode: options.mode ?? 'faithful',
  };
  return {
    name: 'sembp',
    seed,
    backwardNode: (ctx, input) =>
      backwardNodeVia(ctx, input, (c, args, index) => backwardAtStep(c, args, index, resolved)),
  };
}
