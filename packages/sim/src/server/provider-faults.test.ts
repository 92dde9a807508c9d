// The provider stack under injected faults, over real HTTP: every answer still arrives, in order,
// with its attempts recorded; Retry-After is honoured; the concurrency limit holds (read from the
// server's own log); abort stops calls in flight.
import {
  createConcurrencyLimiter,
  createEndpointLimiters,
  createOpenAIProvider,
  ProviderError,
} from '@backflow/engine';
import { startSimServer } from './server';
import { createHarness, waitFor } from './test-support/harness';
import { createShoutModel, shout } from './test-support/shout-model';
import type { SimServer } from './types';

const inputs = Array.from({ length: 40 }, (_, i) => `question number ${i} about item ${i * 7}`);
const messages = (content: string) => [{ role: 'user' as const, content }];
const completions = (server: SimServer) => server.log.filter((e) => e.path === '/v1/chat/completions');

describe('a 30% fault rate (429, 500, hangs, truncation, malformed bodies)', () => {
  let server: SimServer;

  // A fresh server per run: the same seed gives the same fault sequence to both runs.
  beforeEach(async () => {
    server = await startSimServer({
      model: createShoutModel(),
      latencyMs: 1,
      jitterMs: 3,
      faults: 0.3,
      seed: 7,
    });
  });
  afterEach(() => server.close());

  it.each([false, true])(
    'still yields every answer, in order, with attempts recorded (stream=%s)',
    async (stream) => {
      const { provider, records, retries, sleeps } = createHarness(server, {
        stream,
        // A short per-attempt timeout turns hung requests into retries quickly.
        provider: { concurrency: 4, retry: { maxAttempts: 12, attemptTimeoutMs: 1000 } },
      });
      const answers = await Promise.all(inputs.map((q) => provider.complete({ messages: messages(q) })));

      expect(answers.map((a) => a.text)).toEqual(inputs.map((q) => shout(q)));
      expect(records).toHaveLength(inputs.length);
      expect(records.every((r) => r.error === undefined)).toBe(true);

      const log = completions(server);
      const faulted = log.filter((e) => e.fault !== null);
      expect(new Set(faulted.map((e) => e.fault))).toEqual(
        new Set(['429', '500', 'hang', 'truncate', 'malformed']),
      );
      // Every request the server saw is one attempt of one call, and each call succeeded once.
      expect(records.reduce((n, r) => n + r.attempts, 0)).toBe(log.length);
      expect(retries).toHaveLength(log.length - inputs.length);
      // Every faulted request belongs to a call that needed more than one attempt.
      for (const entry of faulted) {
        const record = records.find((r) => r.request.messages[0]?.content === entry.lastUserMessage);
        expect(record?.attempts).toBeGreaterThan(1);
      }
      // 429s were answered with Retry-After: 1, and the retry loop waited exactly that long. (On a
      // loaded machine a 429 may arrive after the client's timeout, so it can count as a timeout.)
      const rateLimited = retries.filter((r) => r.failure.kind === 'rate-limit');
      expect(rateLimited.length).toBeGreaterThan(0);
      expect(rateLimited.length).toBeLessThanOrEqual(log.filter((e) => e.fault === '429').length);
      for (const event of rateLimited) expect(event.delayMs).toBe(1000);
      expect(sleeps).toEqual(retries.map((r) => r.delayMs));
      // Each injected fault is recognised as a kind the loop retries; hangs end as the client's timeout.
      const kinds = new Set(retries.map((r) => r.failure.kind));
      for (const kind of kinds)
        expect(['malformed', 'rate-limit', 'server', 'timeout', 'truncated']).toContain(kind);
      expect(kinds.has('timeout')).toBe(true);
    },
  );
});

describe('the concurrency limit', () => {
  let server: SimServer;

  beforeAll(async () => {
    server = await startSimServer({
      model: createShoutModel(),
      latencyMs: 3,
      jitterMs: 5,
      faults: { rate429: 0.1, rate500: 0.1, retryAfterSeconds: 0 },
      seed: 3,
    });
  });
  afterAll(() => server.close());

  it('is never exceeded, as the server counts requests in flight', async () => {
    server.clearLog();
    const limiter = createConcurrencyLimiter(3);
    const { provider } = createHarness(server, {
      provider: { concurrency: limiter, retry: { maxAttempts: 10 } },
    });
    const answers = await Promise.all(inputs.map((q) => provider.complete({ messages: messages(q) })));
    expect(answers.map((a) => a.text)).toEqual(inputs.map((q) => shout(q)));
    const inFlight = completions(server).map((e) => e.inFlightAtStart);
    expect(inFlight.length).toBeGreaterThanOrEqual(inputs.length);
    expect(Math.max(...inFlight)).toBeLessThanOrEqual(3);
    expect(limiter.active).toBe(0);
    expect(limiter.waiting).toBe(0);
  });
  it('is shared by two models on the same endpoint through the per-endpoint registry', async () => {
    server.clearLog();
    const limiters = createEndpointLimiters(2);
    const retry = { maxAttempts: 10, sleep: async () => {} };
    const make = () =>
      createOpenAIProvider({
        baseURL: server.baseURL,
        model: 'backflow-sim',
        concurrency: 2,
        limiters,
        retry,
      });
    const [forward, optimizer] = [make(), make()];
    const calls = inputs.map((q, i) => (i % 2 ? forward : optimizer).complete({ messages: messages(q) }));
    const answers = await Promise.all(calls);
    expect(answers.map((a) => a.text)).toEqual(inputs.map((q) => shout(q)));
    expect(Math.max(...completions(server).map((e) => e.inFlightAtStart))).toBeLessThanOrEqual(2);
  });
});

describe('abort', () => {
  let server: SimServer;
  const model = createShoutModel();

  beforeAll(async () => {
    // Every request hangs: only an abort (or close) can end them.
    server = await startSimServer({ model, faults: { rateHang: 1 } });
  });
  afterAll(() => server.close());

  it('stops calls in flight and calls still waiting for a slot', async () => {
    const { provider, records } = createHarness(server, { provider: { concurrency: 2 } });
    const controller = new AbortController();
    const calls = inputs
      .slice(0, 5)
      .map((q) =>
        provider.complete({ messages: messages(q), signal: controller.signal }).catch((e: unknown) => e),
      );
    await waitFor(() => server.inFlight === 2);
    controller.abort();
    const errors = await Promise.all(calls);
    for (const err of errors) {
      expect(err).toBeInstanceOf(ProviderError);
      expect(err).toMatchObject({ kind: 'aborted' });
    }
    expect(records).toHaveLength(5);
    // The two hung requests were really cut: the server saw their connections close.
    await waitFor(() => server.inFlight === 0);
    expect(completions(server).map((e) => e.outcome)).toEqual(['fault', 'fault']);
    expect(model.calls).toBe(0);
  });
});
