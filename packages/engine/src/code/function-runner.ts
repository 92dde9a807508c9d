import { describeThrown, resultToText } from './result-text';
import { CodeRunError, type CodeRunner, type CodeRunOptions } from './types';

type CompiledBody = (...args: unknown[]) => unknown;

/**
 * A code runner that compiles node code with `new Function('inputs', code)` in the engine's own
 * realm. ONLY for trusted, local workflows (tests, the CLI on your own files): the code runs with
 * the engine's privileges (it can read globals, call `fetch`, and a synchronous infinite loop
 * blocks the thread, which no timeout can interrupt). The studio passes a runner that executes
 * code in a separate Worker it can terminate, so imported workflows cannot touch the page.
 *
 * The timeout applies to results that are promises (the code may return one); compiled bodies are
 * cached per runner because the same node runs once per example.
 */
export function createFunctionCodeRunner(): CodeRunner {
  const compiled = new Map<string, CompiledBody>();
  return {
    async run(code, inputs, opts) {
      const fn = compileCached(compiled, code, [...CODE_NODE_PARAMS]);
      // A frozen copy: one example's code must not change the values another node reads.
      const value = await settleWithin(() => fn(Object.freeze({ ...inputs })), opts);
      return resultToText(value);
    },
  };
}

/** The parameter a code node's body sees: `function (inputs) { ... }`. */
export const CODE_NODE_PARAMS: readonly string[] = ['inputs'];

/** The parameters a `js` loss body sees: `function (output, target, example) { ... }`. */
export const JS_LOSS_PARAMS: readonly string[] = ['output', 'target', 'example'];

/**
 * Compiles (never runs) `code` as a function body with these parameters, exactly as the runners
 * below will, and returns the syntax error's message (without its final period), or undefined when
 * it compiles. An EvalError (a Content-Security-Policy forbids compiling here) says nothing about
 * the code and also gives undefined.
 */
export function syntaxErrorOf(code: string, params: readonly string[]): string | undefined {
  try {
    new Function(...params, code);
    return undefined;
  } catch (error) {
    return error instanceof SyntaxError ? error.message.replace(/\.$/, '') : undefined;
  }
}

/** Compiles `code` as a function body with the given parameter names, reusing earlier compilations. */
export function compileCached(
  cache: Map<string, CompiledBody>,
  code: string,
  params: string[],
): CompiledBody {
  const key = `${params.join(',')}\n${code}`;
  let fn = cache.get(key);
  if (fn === undefined) {
    try {
      fn = new Function(...params, code) as CompiledBody;
    } catch (err) {
      throw new CodeRunError(`The code does not compile: ${describeThrown(err)}`, 'compile');
    }
    cache.set(key, fn);
  }
  return fn;
}

/**
 * Calls `invoke` and waits for its (possibly asynchronous) result, rejecting with a
 * {@link CodeRunError} when it throws or outlives `opts.timeoutMs`, and with the signal's reason
 * when the run is aborted.
 */
export async function settleWithin(invoke: () => unknown, opts: CodeRunOptions): Promise<unknown> {
  opts.signal?.throwIfAborted();
  let result: unknown;
  try {
    result = invoke();
  } catch (err) {
    throw new CodeRunError(`The code threw ${describeThrown(err)}`, 'throw');
  }
  if (!isThenable(result)) return result;
  return new Promise<unknown>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new CodeRunError(`The code did not finish within ${opts.timeoutMs} ms`, 'timeout'));
    }, opts.timeoutMs);
    const onAbort = () => {
      cleanup();
      reject(opts.signal?.reason);
    };
    const cleanup = () => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    result.then(
      (value) => {
        cleanup();
        resolve(value);
      },
      (err: unknown) => {
        cleanup();
        reject(new CodeRunError(`The code threw ${describeThrown(err)}`, 'throw'));
      },
    );
  });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
