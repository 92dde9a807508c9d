/**
 * ADAPTER: executing a code node's body for the inspector's test-run, with the engine's runner
 * (the same one the in-process forward pass uses). When the studio gets its sandboxed Worker
 * runner (issue 5), pass that here and to `RunContext.codeRunner`.
 */
import { createFunctionCodeRunner, DEFAULT_CODE_TIMEOUT_MS } from '@backflow/engine/code/index.ts';

const runner = createFunctionCodeRunner();

/** Runs `function (inputs) { <code> }` and resolves with its result as text; rejects with the reason. */
export function runCodeNode(code: string, inputs: Readonly<Record<string, string>>): Promise<string> {
  return runner.run(code, { ...inputs }, { timeoutMs: DEFAULT_CODE_TIMEOUT_MS });
}
