import { CodeRunError } from '@backflow/engine';
import type { SandboxRequest } from './protocol';
import { createSandboxCodeRunner } from './sandbox-runner';

/** A stand-in Worker that answers with `reply` (or never, when it returns undefined). */
class FakeWorker {
  onmessage: ((event: MessageEvent<unknown>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  readonly received: SandboxRequest[] = [];
  constructor(private readonly reply: (req: SandboxRequest) => unknown) {}
  postMessage(request: SandboxRequest) {
    this.received.push(request);
    const answer = this.reply(request);
    if (answer !== undefined) queueMicrotask(() => this.onmessage?.({ data: answer } as MessageEvent));
  }
  terminate() {
    this.terminated = true;
  }
}

function runnerWith(reply: (req: SandboxRequest) => unknown) {
  const workers: FakeWorker[] = [];
  const runner = createSandboxCodeRunner({
    createWorker: () => {
      const worker = new FakeWorker(reply);
      workers.push(worker);
      return worker as unknown as Worker;
    },
  });
  return { runner, workers };
}

afterEach(() => vi.useRealTimers());

describe('createSandboxCodeRunner', () => {
  it('resolves with the text the sandbox answers and reuses the idle Worker', async () => {
    const { runner, workers } = runnerWith((req) => ({
      type: 'result',
      id: req.id,
      ok: true,
      text: req.code,
    }));
    await expect(runner.run('a', {}, { timeoutMs: 1000 })).resolves.toBe('a');
    await expect(runner.run('b', {}, { timeoutMs: 1000 })).resolves.toBe('b');
    expect(workers).toHaveLength(1);
    runner.dispose();
    expect(workers[0]?.terminated).toBe(true);
  });

  it('rejects with the reason the sandbox gives and ignores answers to other requests', async () => {
    // An answer to another request (a forged id) is not this run's result: it times out instead.
    const { runner } = runnerWith((req) => ({ type: 'result', id: req.id + 100, ok: true, text: 'forged' }));
    const { runner: second } = runnerWith((req) => ({
      type: 'result',
      id: req.id,
      ok: false,
      reason: 'compile',
      message: 'The code does not compile: SyntaxError',
    }));
    const failure = second.run('(', {}, { timeoutMs: 1000 });
    await expect(failure).rejects.toBeInstanceOf(CodeRunError);
    await expect(failure).rejects.toMatchObject({ reason: 'compile' });
    vi.useFakeTimers();
    const ignored = runner.run('x', {}, { timeoutMs: 50 });
    const settled = expect(ignored).rejects.toMatchObject({ reason: 'timeout' });
    await vi.advanceTimersByTimeAsync(60);
    await settled;
  });

  it('terminates a Worker that outlives the time limit, with a message, and starts a fresh one', async () => {
    vi.useFakeTimers();
    let hang = true;
    const { runner, workers } = runnerWith((req) =>
      hang ? undefined : { type: 'result', id: req.id, ok: true, text: 'ok' },
    );
    const stuck = runner.run('while (true) {}', {}, { timeoutMs: 200 });
    const settled = expect(stuck).rejects.toThrow(/did not finish within 200 ms and was stopped/);
    await vi.advanceTimersByTimeAsync(250);
    await settled;
    expect(workers[0]?.terminated).toBe(true);
    hang = false;
    await expect(runner.run('return 1', {}, { timeoutMs: 200 })).resolves.toBe('ok');
    expect(workers).toHaveLength(2);
  });

  it('terminates the Worker when the run is aborted', async () => {
    const { runner, workers } = runnerWith(() => undefined);
    const controller = new AbortController();
    const run = runner.run('while (true) {}', {}, { timeoutMs: 60_000, signal: controller.signal });
    controller.abort(new Error('stopped by the person'));
    await expect(run).rejects.toThrow('stopped by the person');
    expect(workers[0]?.terminated).toBe(true);
  });
});
