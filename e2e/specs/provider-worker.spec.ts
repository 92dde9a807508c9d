import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { createSimulatedModel } from '../../packages/sim/src/index.ts';
import { type SimServer, startSimServer } from '../../packages/sim/src/server/index.ts';
import { StudioPage } from '../pages/studio';

// Settings -> "Test connection" runs the openai SDK in a dedicated Web Worker of the studio. The
// browser must pass a CORS preflight for the SDK's own headers (authorization, content-type and
// the x-stainless-* family) before the streamed POST reaches the mock server. The simulator's
// request log does not record preflights, so the page talks to it through a small recording
// relay that forwards every byte unchanged and notes each exchange's CORS headers.

interface WireEntry {
  method: string;
  path: string;
  requestedHeaders: string;
  status: number;
  allowedHeaders: string;
  contentType: string;
}

function startRelay(target: SimServer): Promise<{ server: Server; url: string; wire: WireEntry[] }> {
  const wire: WireEntry[] = [];
  const server = createServer((req, res) => {
    const upstream = httpRequest(
      { host: target.host, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const headers: IncomingHttpHeaders = answer.headers;
        wire.push({
          method: req.method ?? '',
          path: req.url ?? '',
          requestedHeaders: String(req.headers['access-control-request-headers'] ?? ''),
          status: answer.statusCode ?? 0,
          allowedHeaders: String(headers['access-control-allow-headers'] ?? ''),
          contentType: String(headers['content-type'] ?? ''),
        });
        res.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(res); // chunk by chunk: the stream's pacing reaches the page unchanged
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}/v1`, wire });
    }),
  );
}

let sim: SimServer;
let relay: Awaited<ReturnType<typeof startRelay>>;
test.beforeAll(async () => {
  // Three characters per chunk, 120 ms apart: the reply takes about a second to arrive.
  sim = await startSimServer({
    model: createSimulatedModel({ seed: 0 }),
    host: '127.0.0.1',
    port: 0,
    chunkChars: 3,
    chunkDelayMs: 120,
  });
  relay = await startRelay(sim);
});
test.afterAll(async () => {
  await new Promise<void>((resolve) => (relay ? relay.server.close(() => resolve()) : resolve()));
  relay?.server.closeAllConnections();
  await sim?.close();
});

test('Test connection: the openai SDK in a Worker passes the CORS preflight and streams the reply into the page', async ({
  page,
}) => {
  const studio = new StudioPage(page);
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  await studio.open();
  await studio.openModels();
  await studio.fillEndpoint('Forward', { baseURL: relay.url, apiKey: 'sk-test-not-secret' });

  // Every text the streaming line and the result line show, in the order they appear.
  await page.evaluate(() => {
    const seen: { id: string; text: string }[] = [];
    (window as unknown as { __seen: typeof seen }).__seen = seen;
    const note = () => {
      for (const id of ['connection-stream', 'connection-result']) {
        const text = document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '';
        const last = seen.filter((s) => s.id === id).at(-1);
        if (text && last?.text !== text) seen.push({ id, text });
      }
    };
    new MutationObserver(note).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });

  const form = page.getByTestId('settings-forward-model');
  await form.getByRole('button', { name: 'Test connection' }).click();
  const result = form.getByTestId('connection-result');
  await expect(result).toContainText('Connected: replied "Reply with the single word OK."', {
    timeout: 30_000,
  });

  const seen = await page.evaluate(
    () => (window as unknown as { __seen: { id: string; text: string }[] }).__seen,
  );
  const final = 'Reply with the single word OK.';
  const resultAt = seen.findIndex((s) => s.id === 'connection-result');
  const partials = seen
    .slice(0, resultAt)
    .filter((s) => s.id === 'connection-stream')
    .map((s) => /“(.*)”/s.exec(s.text)?.[1] ?? '');
  // Partial text was on the page before the final text: non-empty prefixes, shorter than the reply.
  expect(partials.some((p) => p.length > 0 && p.length < final.length && final.startsWith(p))).toBe(true);
  for (const p of partials) expect(final.startsWith(p)).toBe(true);

  // The preflight asked for the SDK's headers and the server allowed them; then a streamed POST.
  const preflight = relay.wire.find((w) => w.method === 'OPTIONS' && w.path.endsWith('/chat/completions'));
  expect(preflight, JSON.stringify(relay.wire)).toBeDefined();
  const requested = preflight!.requestedHeaders.toLowerCase().split(/\s*,\s*/);
  expect(requested).toEqual(expect.arrayContaining(['authorization', 'content-type']));
  expect(requested.some((h) => h.startsWith('x-stainless-'))).toBe(true);
  expect(preflight!.status).toBe(204);
  const allowed = preflight!.allowedHeaders.toLowerCase().split(/\s*,\s*/);
  for (const h of requested) expect(allowed).toContain(h);
  const post = relay.wire.find((w) => w.method === 'POST' && w.path.endsWith('/chat/completions'));
  expect(post).toMatchObject({ status: 200, contentType: expect.stringContaining('text/event-stream') });
  expect(sim.log.filter((r) => r.method === 'POST')).toEqual([
    expect.objectContaining({ path: '/v1/chat/completions', stream: true, outcome: 'answered', status: 200 }),
  ]);
  expect(workers.some((url) => url.includes('connection.worker'))).toBe(true);
  expect(studio.errors).toEqual([]);
});

test('Test connection from the Worker: a wrong key gets the diagnosis sentence, not a bare SDK error', async ({
  page,
}) => {
  const guarded = await startSimServer({
    model: createSimulatedModel({ seed: 0 }),
    host: '127.0.0.1',
    port: 0,
    apiKey: 'sk-right',
  });
  try {
    const studio = new StudioPage(page);
    await studio.open();
    await studio.openModels();
    await studio.fillEndpoint('Forward', { baseURL: guarded.baseURL, apiKey: 'sk-wrong' });
    const form = page.getByTestId('settings-forward-model');
    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect(form.getByTestId('connection-result')).toContainText('rejected the API key (401)', {
      timeout: 30_000,
    });
    expect(guarded.log.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([401]);
    expect(studio.errors).toEqual([]);
  } finally {
    await guarded.close();
  }
});
