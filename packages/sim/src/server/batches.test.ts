// The engine's Batch API path end to end against the simulator server's Files and Batch routes:
// a forward pass sent as one batch per graph level gives the same answers as the synchronous
// path, progress is reported, a restarted client finds its batch again instead of paying twice,
// and a failed batch fails its calls with a sentence.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type BatchJournal,
  type BatchProgress,
  batchPrices,
  costOf,
  createBatchModel,
  createOpenAIBatchApi,
  createProvider,
  runForward,
  workflowSchema,
} from '@backflow/engine';
import { parseJsonl } from '@backflow/engine/testing';
import { createSimulatedModel } from '../index';
import { startSimServer } from './server';
import type { SimServer } from './types';

const FIXTURE = join(import.meta.dirname, '..', '..', 'fixtures', 'diamond-words');
const workflow = workflowSchema.parse(JSON.parse(readFileSync(join(FIXTURE, 'workflow.json'), 'utf8')));
const examples = parseJsonl(readFileSync(join(FIXTURE, 'val.jsonl'), 'utf8')).slice(0, 6);
const noWait = async () => {};

function memoryJournal(): BatchJournal & { ids: Map<string, string> } {
  const ids = new Map<string, string>();
  return { ids, get: async (k) => ids.get(k), set: async (k, v) => void ids.set(k, v) };
}

function batchContext(server: SimServer, journal: BatchJournal, progress: BatchProgress[] = []) {
  const base = createBatchModel({
    api: createOpenAIBatchApi({ baseURL: server.baseURL }),
    model: 'backflow-sim',
    journal,
    label: 'serve-sim (batch)',
    pollMs: 5,
    sleep: noWait,
    onProgress: (p) => progress.push(p),
  });
  const model = createProvider({ base, model: 'backflow-sim', retry: { maxAttempts: 1 } });
  return { forwardModel: model, optimizerModel: model };
}

const paths = (server: SimServer) =>
  server.log.map((e) => `${e.method} ${e.path.replace(/-sim-\d+/, '-sim-N')}`);

describe('the Batch API path against serve-sim', () => {
  let server: SimServer;
  beforeEach(async () => {
    server = await startSimServer({ model: createSimulatedModel({ seed: 1 }) });
  });
  afterEach(() => server.close());

  it('answers a forward pass as one batch per graph level, as the synchronous path does', async () => {
    const sim = createSimulatedModel({ seed: 1 });
    const sync = await runForward({ forwardModel: sim, optimizerModel: sim }, { workflow, examples });
    const progress: BatchProgress[] = [];
    const traces = await runForward(batchContext(server, memoryJournal(), progress), { workflow, examples });
    expect(traces.map((t) => t.outputs)).toEqual(sync.map((t) => t.outputs));
    const log = paths(server);
    expect(log.filter((p) => p === 'POST /v1/chat/completions')).toEqual([]);
    const batches = log.filter((p) => p === 'POST /v1/batches').length;
    const llmNodes = workflow.nodes.filter((n) => n.kind === 'llm').length;
    // A diamond has fewer levels than llm nodes: calls of a level go together.
    expect(batches).toBeGreaterThan(1);
    expect(batches).toBeLessThan(llmNodes);
    expect(log.filter((p) => p === 'POST /v1/files')).toHaveLength(batches);
    const last = progress.at(-1)!;
    expect(last.status).toBe('completed');
    expect(last.done).toBe(last.total);
  });

  it('finds a submitted batch again after a restart instead of submitting it twice', async () => {
    const journal = memoryJournal();
    await runForward(batchContext(server, journal), { workflow, examples });
    const submitted = server.log.filter((e) => e.path === '/v1/batches').length;
    expect(journal.ids.size).toBe(submitted);
    // A new process with the same journal (the CLI's file, the studio's IndexedDB).
    const again = await runForward(batchContext(server, journal), { workflow, examples });
    expect(server.log.filter((e) => e.path === '/v1/batches').length).toBe(submitted);
    expect(again.every((t) => Object.keys(t.outputs).length > 0)).toBe(true);
  });

  it('fails the calls of a batch that ended badly with a sentence naming it', async () => {
    const api = createOpenAIBatchApi({ baseURL: server.baseURL });
    const journal = memoryJournal();
    const broken = createBatchModel({
      api: { ...api, submit: async () => 'batch-that-does-not-exist' },
      model: 'backflow-sim',
      journal,
      label: 'x',
      sleep: noWait,
    });
    await expect(broken.complete({ messages: [{ role: 'user', content: 'hello' }] })).rejects.toThrow(
      /No such Batch object/,
    );
  });

  it('goes the normal concurrent way, once and said, where the endpoint has no Batch API', async () => {
    const sim = createSimulatedModel({ seed: 1 });
    const notFound = Object.assign(new Error('404 Unknown request URL: POST /v1/files'), { status: 404 });
    const reasons: string[] = [];
    let submits = 0;
    const model = createBatchModel({
      api: {
        ...createOpenAIBatchApi({ baseURL: server.baseURL }),
        submit: async () => {
          submits++;
          throw notFound;
        },
      },
      model: 'backflow-sim',
      journal: memoryJournal(),
      label: 'x',
      sleep: noWait,
      fallback: sim,
      onFallback: (reason) => reasons.push(reason),
    });
    const ctx = { forwardModel: model, optimizerModel: model };
    const traces = await runForward(ctx, { workflow, examples });
    const sync = await runForward({ forwardModel: sim, optimizerModel: sim }, { workflow, examples });
    expect(traces.map((t) => t.outputs)).toEqual(sync.map((t) => t.outputs));
    expect(submits).toBe(1);
    expect(reasons).toEqual([expect.stringMatching(/has no Batch API .*calls go one by one/)]);
  });

  it('prices batch calls at half the synchronous rate', () => {
    const usage = { inputTokens: 1_000_000, outputTokens: 1_000_000 };
    expect(costOf('gpt-4o-mini', usage, batchPrices())).toBeCloseTo(costOf('gpt-4o-mini', usage) / 2, 12);
  });
});
