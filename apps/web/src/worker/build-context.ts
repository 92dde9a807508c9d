/**
 * The run context of a session, inside the engine host (the Worker, or the main thread when no
 * Worker exists). Models come from the engine's one factory (`buildModels`); the studio adds only
 * the simulator and the code sandbox. API keys arrive in the command and live only in these model
 * objects: nothing here stores them.
 */
import {
  buildModels,
  type CallRecorder,
  type ContextFactory,
  type ProviderSettings,
  type RunContext,
} from '@backflow/engine';
import { simulatedBase } from '../engine-adapters/models';
import { createSandboxCodeRunner } from '../sandbox/sandbox-runner';

/**
 * A context factory over one set of models; each call gets the abort signal it is given. Bad
 * settings throw here, before anything is called. Code nodes run in sandbox Workers (nested in the
 * engine Worker) wherever Workers exist; in Node tests the engine's default runner is used.
 */
export function contextFactory(provider: ProviderSettings, recorder: CallRecorder): ContextFactory {
  const models = buildModels(provider, { simulated: simulatedBase, recorder });
  const codeRunner = typeof Worker === 'undefined' ? undefined : createSandboxCodeRunner();
  return (signal: AbortSignal): RunContext => ({ ...models, signal, ...(codeRunner ? { codeRunner } : {}) });
}
