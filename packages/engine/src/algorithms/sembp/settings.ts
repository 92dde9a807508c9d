import * as z from 'zod';
import type { AlgorithmSettingsPart } from '../definition';

/**
 * Semantic backpropagation's settings, stored flat (`sembpGradient`, `sembpUpdate`,
 * `sembpProtocol`); its ablation asks about each input in its own call, blind to the others
 * (`sembpNoSiblings`).
 */
export const sembpSettings = {
  shape: {
    /** The backward variant: "target" (how each input should change) or "comment". */
    sembpGradient: z.enum(['target', 'comment']),
    /** The update: free rewrite, or critique (pros and cons) first then rewrite. */
    sembpUpdate: z.enum(['direct', 'critique']),
    /**
     * The protocol (`optim/protocol.ts`): "minibatch" (absent) draws a minibatch per iteration;
     * "paper" is the reference code's: errors drawn from the whole training split, the gate on the
     * whole training split, and the predictions of the prompts in force reused instead of run again.
     * Other algorithms ignore it.
     */
    sembpProtocol: z.enum(['minibatch', 'paper']).optional(),
  },
  input: {},
  defaults: { sembpGradient: 'target', sembpUpdate: 'direct' } as const,
  ablations: { sembpNoSiblings: z.boolean().default(false) },
} satisfies AlgorithmSettingsPart;
