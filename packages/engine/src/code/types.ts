/** Options for one run of user code. */
export interface CodeRunOptions {
  /** Give up after this long. A runner that cannot interrupt synchronous code says so in its docs. */
  timeoutMs: number;
  /** Cancels the run (the forward pass's AbortSignal). */
  signal?: AbortSignal;
}

/**
 * Runs the body of a `code` node: `function (inputs) { ... }` where `inputs` maps input names to
 * strings. Resolves with the result as a string; rejects with a {@link CodeRunError} whose message
 * a person can act on. The engine ships {@link createFunctionCodeRunner} for trusted local
 * workflows; the studio supplies a sandboxed Worker runner through `RunContext.codeRunner`.
 */
export interface CodeRunner {
  run(code: string, inputs: Record<string, string>, opts: CodeRunOptions): Promise<string>;
}

/** Why user code did not produce a value: it failed to compile, threw, or ran out of time. */
export class CodeRunError extends Error {
  override readonly name = 'CodeRunError';
  constructor(
    message: string,
    /** `compile`: a syntax error; `throw`: the code threw; `timeout`: it did not finish in time. */
    readonly reason: 'compile' | 'throw' | 'timeout',
  ) {
    super(message);
  }
}

/** How long a code node may run when the caller does not say. */
export const DEFAULT_CODE_TIMEOUT_MS = 5_000;
