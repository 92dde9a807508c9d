/**
 * ADAPTER: executing a code node's body for the inspector's test-run and the page's forward runs,
 * in the sandboxed Worker (apps/web/src/sandbox) wherever Workers exist.
 */
import { type CodeRunner, createFunctionCodeRunner, DEFAULT_CODE_TIMEOUT_MS } from '@backflow/engine';
import { createSandboxCodeRunner } from '../sandbox/sandbox-runner';

/**
 * The code runner the page uses for forward runs: the sandboxed Worker in a browser (the built
 * studio's CSP forbids eval on the page), the engine's function runner in Node tests.
 */
export const studioCodeRunner: CodeRunner =
  typeof Worker === 'undefined' ? createFunctionCodeRunner() : createSandboxCodeRunner();

/** Runs `function (inputs) { <code> }` and resolves with its result as text; rejects with the reason. */
export function runCodeNode(code: string, inputs: Readonly<Record<string, string>>): Promise<string> {
  return studioCodeRunner.run(code, { ...inputs }, { timeoutMs: DEFAULT_CODE_TIMEOUT_MS });
}
