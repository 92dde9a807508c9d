/**
 * Semantic backprop's paper protocol (HishamAlyahya/semantic_backprop, `experiments/liar.py`,
 * `gsm8k.py`, `bbh.py`): every iteration back-propagates errors drawn from the predictions on the
 * whole training split, the full update is kept only if its score on the whole training split is
 * higher, and the predictions of the solution in force are reused (`preds_list[-1]`) instead of
 * being run again. Today's minibatch protocol draws a fresh minibatch and runs it each iteration.
 */
import type { SessionSettings } from './settings';

/** True when the session follows semantic backprop's paper protocol. */
export function paperProtocol(settings: Pick<SessionSettings, 'algorithm' | 'sembpProtocol'>): boolean {
  return settings.algorithm === 'sembp' && settings.sembpProtocol === 'paper';
}

/** Examples forwarded per iteration: the whole training split under the paper protocol. */
export function batchSizeOf(
  settings: Pick<SessionSettings, 'algorithm' | 'sembpProtocol' | 'batchSize'>,
  trainCount: number,
): number {
  return paperProtocol(settings) ? trainCount : Math.min(settings.batchSize, trainCount);
}

/**
 * Iterations whose forward pass runs models: under the paper protocol only the first when the gate
 * scores its candidate (later iterations reuse the gate's or the last predictions); every one
 * otherwise.
 */
export function forwardIterations(
  settings: Pick<SessionSettings, 'algorithm' | 'sembpProtocol' | 'iterations' | 'gate'>,
): number {
  return paperProtocol(settings) && settings.gate.policy !== 'none'
    ? Math.min(1, settings.iterations)
    : settings.iterations;
}
