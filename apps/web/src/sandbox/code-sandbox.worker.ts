/**
 * The code sandbox: a dedicated Worker that runs code-node bodies and custom JS evaluators. It
 * locks its own scope down before it reads any message (no network, storage, page or other
 * contexts; see ./lockdown.ts) and answers each request with one result message. Time limits are
 * the host's job: it terminates this Worker, which is the only way to stop a synchronous loop.
 */
import { describeThrown, resultToText } from '@backflow/engine';
import { FORBIDDEN_SOURCE, lockDown } from './lockdown';
import type { SandboxAnswer, SandboxRequest } from './protocol';

const scope = self as unknown as Record<string, unknown> & {
  onmessage: ((event: MessageEvent<SandboxRequest>) => void) | null;
};
// The handler is set before the lockdown: afterwards user code could not install another one
// that matters (messages go to this handler, which never hands the event to user code).
scope.onmessage = (event) => {
  if (event.data?.type === 'run') void answer(event.data);
};
const sandbox = lockDown(scope);

async function answer(request: SandboxRequest): Promise<void> {
  sandbox.post(await execute(request));
}

async function execute({ id, code, inputs }: SandboxRequest): Promise<SandboxAnswer> {
  if (FORBIDDEN_SOURCE.test(code)) {
    const message = 'The code may not use `import` in the sandbox (it cannot load modules).';
    return { type: 'result', id, ok: false, reason: 'compile', message };
  }
  let fn: (...args: unknown[]) => unknown;
  try {
    fn = sandbox.compile(['inputs'], code);
  } catch (err) {
    return {
      type: 'result',
      id,
      ok: false,
      reason: 'compile',
      message: `The code does not compile: ${describeThrown(err)}`,
    };
  }
  try {
    const value = await fn(Object.freeze({ ...inputs }));
    return { type: 'result', id, ok: true, text: resultToText(value) };
  } catch (err) {
    return {
      type: 'result',
      id,
      ok: false,
      reason: 'throw',
      message: `The code threw ${describeThrown(err)}`,
    };
  }
}
