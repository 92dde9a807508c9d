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
  conversationOf,
  emptyResult,
  noOutputFailure,
  outputNodeIds,
  outputPasses,
  outputScore,
  type StepOutcome,
} from '../../backward/support';
import type { BackwardNodeResult, BackwardSignal } from '../../backward/types';
import {
  nodeOutput,
  receivedMessages,
  renderedUserMessage,
  stepPredecessors,
  taskInputs,
  toTaskNode,
} from '../../backward/walk';
import type { RunContext } from '../../context';
import type { ExampleTrace } from '../../forward/types';
import { renderTemplate } from '../../graph/template';
import { buildGraphIndex, type GraphIndex } from '../../graph/topology';
import { readsExample } from '../../nodes/registry';
import { promptVariableInput } from '../../prompts/context';
import type { TaskInput, TaskMessage } from '../../prompts/task-parts';
import { buildTextgradGradientPrompt, buildTextgradLossPrompt } from './prompts';
import { type TextgradUpdateTask, textgradGradientAnswerSchema, textgradLossAnswerSchema } from './tasks';

/**
 * TextGrad (Yuksekgonul et al., arXiv 2406.07496), the baseline. Seed: one call per example and
 * output turning the loss into feedback on the final answer. At each step: one call per
 * (node, step-predecessor) edge per example, each generated independently (never seeing the other
 * edges' gradient messages), with the node's whole conversation as the reference code shows it
 * (the formatted input, sibling inputs' values included) and the feedback on the output; plus,
 * for a trainable llm node, one call for the gradient on its own system prompt (the parameter
 * TGD updates). Not reproduced from the public code: values cut to their first/last words,
 * gradients added twice through sums, an aggregate feeding only its last input.
 * Ablation (`maskSiblings`): the conversation shows the other step inputs as their `{{name}}`
 * placeholders, so an edge's call cannot condition on its siblings (see {@link maskedUserMessage}).
 */

/** Options of the TextGrad rule. */
export interface TextgradOptions {
  /** Ablation, not TextGrad: hide sibling inputs' values from each edge's gradient call. */
  maskSiblings: boolean;
}

/** The seed: one `textgrad.loss` call per example and output node. */
async function seed(ctx: RunContext, args: BackwardSeedArgs): Promise<BackwardSeedResult> {
  const result: BackwardSeedResult = { signals: [], failures: [], callIds: [] };
  const index = buildGraphIndex(args.workflow);
  const jobs = args.batch.flatMap((item) =>
    outputNodeIds(args.workflow).map((outputId) => ({ item, outputId })),
  );
  const outcomes = await Promise.all(
    jobs.map(async ({ item, outputId }): Promise<StepOutcome> => {
      const output = nodeOutput(item.trace, outputId);
      if (output === undefined) return { failure: noOutputFailure(outputId, item.example.id), callIds: [] };
      const { score, feedback, expected } = outputScore(args.workflow, item, outputId);
      const prompt = buildTextgradLossPrompt({
        node: toTaskNode(index.nodeById.get(outputId)!),
        example: { id: item.example.id, inputs: item.example.inputs },
        output,
        target: expected,
        score,
        lossFeedback: feedback ?? '',
      });
      const answer = await askBackward(ctx, prompt, textgradLossAnswerSchema, {
        callKeyPrefix: args.callKeyPrefix,
        purpose: 'gradient',
        nodeId: outputId,
        exampleId: item.example.id,
      });
      if (!answer.ok) return { failure: answer.failure, callIds: answer.callIds };
      const signal: BackwardSignal = {
        kind: 'seed',
        nodeId: outputId,
        exampleId: item.example.id,
        fromNodeId: 'loss',
        text: answer.value.feedback,
        asksForChange: !outputPasses(args.workflow, score) && answer.value.feedback.trim() !== '',
        siblingOutputs: {},
        callId: answer.callId,
      };
      if (answer.value.suggestedValue !== undefined) signal.suggestedValue = answer.value.suggestedValue;
      return { signals: [signal], callIds: answer.callIds };
    }),
  );
  result.signals.push(...collectOutcomes(result, outcomes));
  return result;
}

/**
 * The node's conversation as one edge's gradient call sees it: the user message rendered with
 * this input's value and the example's fields, the OTHER step inputs left as their `{{name}}`
 * placeholders, so the call cannot condition on its siblings.
 */
export function maskedUserMessage(
  index: GraphIndex,
  nodeId: string,
  trace: ExampleTrace,
  keepId: string,
): string {
  const inputs = taskInputs(index, nodeId, trace);
  const values: Record<string, string> = {};
  for (const i of inputs)
    values[i.name] = i.id === keepId || readsExample(i.kind) ? i.value : `{{${i.name}}}`;
  const node = index.nodeById.get(nodeId);
  if (node?.kind === 'llm') {
    try {
      return renderTemplate(node.userTemplate, values, { nodeId });
    } catch {
      // A template/edge mismatch was caught by validation already; fall through to a listing.
    }
  }
  return Object.entries(values)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

async function backwardAtStep(
  ctx: RunContext,
  options: TextgradOptions,
  args: BackwardNodeArgs,
  index: GraphIndex,
): Promise<BackwardNodeResult> {
  const result = emptyResult(args.nodeId);
  const node = index.nodeById.get(args.nodeId)!;
  const taskNode = toTaskNode(node);
  const preds = stepPredecessors(index, args.nodeId);
  const perEx = await Promise.all(
    args.batch.map(async ({ example, trace }) => {
      const feedback = receivedMessages(args.received, example.id);
      if (feedback.length === 0) return [];
      const output = nodeOutput(trace, args.nodeId);
      if (output === undefined) return [{ failure: noOutputFailure(args.nodeId, example.id), callIds: [] }];
      const inputs = taskInputs(index, args.nodeId, trace);
      /**
       * One gradient call on `input` (an edge's upstream output, or the node's own prompt), as a
       * criticism signal about it. Criticism only: a rewritten value, if the model sent one, is not
       * TextGrad's gradient.
       */
      const gradient = async (
        variable: 'input' | 'prompt',
        input: TaskInput,
        rendered: string,
      ): Promise<StepOutcome> => {
        const prompt = buildTextgradGradientPrompt({
          variable,
          node: taskNode,
          renderedUserMessage: rendered,
          output,
          feedback,
          input,
        });
        const answer = await askBackward(ctx, prompt, textgradGradientAnswerSchema, {
          callKeyPrefix: args.callKeyPrefix,
          purpose: 'gradient',
          nodeId: args.nodeId,
          exampleId: example.id,
          inputId: variable === 'input' ? input.id : undefined,
        });
        if (!answer.ok) return { failure: answer.failure, callIds: answer.callIds };
        const signal: BackwardSignal = {
          kind: 'criticism',
          // An output signal leaves `about` out (absent means the output), as the other rules do.
          ...(variable === 'prompt' ? { about: 'prompt' as const } : {}),
          nodeId: input.id,
          exampleId: example.id,
          fromNodeId: args.nodeId,
          text: answer.value.criticism,
          asksForChange: answer.value.change && answer.value.criticism.trim() !== '',
          siblingOutputs: {},
          callId: answer.callId,
        };
        return { signals: [signal], callIds: answer.callIds };
      };
      // One call per distinct step predecessor (an upstream node bound twice is one variable).
      const calls = preds.map((pred) =>
        gradient(
          'input',
          inputs.find((i) => i.id === pred)!,
          options.maskSiblings
            ? maskedUserMessage(index, args.nodeId, trace, pred)
            : renderedUserMessage(trace, args.nodeId),
        ),
      );
      if (node.kind === 'llm' && node.trainable) {
        calls.push(gradient('prompt', promptVariableInput(taskNode), renderedUserMessage(trace, node.id)));
      }
      return Promise.all(calls);
    }),
  );
  const signals = collectOutcomes(result, perEx.flat());
  const promptSignals = signals.filter((s) => s.about === 'prompt');
  result.emitted.push(...signals.filter((s) => s.about !== 'prompt'));
  if (promptSignals.length > 0) result.promptSignals = promptSignals;
  return result;
}

/** Creates the TextGrad rule (default: as the reference code, sibling inputs shown). */
export function createTextgradRule(options: Partial<TextgradOptions> = {}): BackwardRule {
  const resolved: TextgradOptions = { maskSiblings: options.maskSiblings ?? false };
  return {
    name: 'textgrad',
    seed,
    backwardNode: (ctx, input) =>
      backwardNodeVia(ctx, input, (c, args, index) => backwardAtStep(c, resolved, args, index)),
  };
}

/**
 * The `gradients` of a `textgrad.update` payload for one node: per example, the conversation
 * (input message, output) and the gradients on the node's prompt computed in it.
 */
export function textgradUpdateGradients(
  nodeId: string,
  batch: BackwardNodeArgs['batch'],
  promptSignals: readonly BackwardSignal[],
): TextgradUpdateTask['gradients'] {
  return batch.flatMap(({ example, trace }) => {
    const feedback: TaskMessage[] = promptSignals
      .filter((s) => s.nodeId === nodeId && s.exampleId === example.id && s.text.trim() !== '')
      .map((s) => ({ from: s.fromNodeId, text: s.text }));
    if (feedback.length === 0) return [];
    return [
      {
        ...conversationOf(nodeId, example.id, trace),
        feedback,
      },
    ];
  });
}
