import type { TaskPayload } from '../../prompts/tasks';
import type { FakeAnswer, Responder } from './fake-optimizer';

/**
 * A well-behaved fake optimizer that blames exactly the upstream nodes in `culprits`: semantic
 * gradients ask them (and only them) to change, GTBP inversion gives them a new target and every
 * other input its actual value, reconciliation concatenates the proposals.
 */
export function blameResponder(culprits: ReadonlySet<string>): Responder {
  return (payload: TaskPayload): FakeAnswer => {
    switch (payload.task) {
      case 'sembp.gradient': {
        const inputs: Record<string, { change: boolean; message: string }> = {};
        for (const i of payload.inputs) {
          if (i.kind === 'input') continue;
          const change = culprits.has(i.id);
          inputs[i.id] = { change, message: change ? `${i.id} should change` : `${i.id} is fine` };
        }
        return { inputs };
      }
      case 'textgrad.loss':
        return { feedback: `the answer should be ${payload.target}` };
      case 'textgrad.gradient':
        return { change: true, criticism: `criticism of ${payload.input.id}` };
      case 'gtbp.invert': {
        const targets: Record<string, string> = {};
        for (const i of payload.inputs) {
          if (i.kind !== 'input') targets[i.id] = culprits.has(i.id) ? `fixed-${i.id}` : i.value;
        }
        return { targets };
      }
      case 'gtbp.reconcile':
        return { target: payload.candidates.map((c) => c.target).join(' + ') };
      default:
        return { raw: `unexpected task ${payload.task}` };
    }
  };
}
