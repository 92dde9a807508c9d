import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineCommand, Example, Workflow } from '@backflow/engine';
import { inlineClient } from './client';
import type { HostMessage } from './protocol';

const FIXTURE = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  '..',
  'packages',
  'sim',
  'fixtures',
  'diamond-spread',
);
const fixtureWorkflow = () => JSON.parse(readFileSync(join(FIXTURE, 'workflow.json'), 'utf8')) as Workflow;
const fixtureExample = () =>
  JSON.parse(readFileSync(join(FIXTURE, 'val.jsonl'), 'utf8').split('\n')[0] as string) as Example;

const sim = { kind: 'simulated' as const, baseUrl: '', model: 'backflow-sim' };

describe('engine host', () => {
  it('scores a held-out test split once: every example, its calls under test/, or says why not', async () => {
    const messages: HostMessage[] = [];
    const client = inlineClient((m) => messages.push(m));
    const lines = readFileSync(join(FIXTURE, 'val.jsonl'), 'utf8').split('\n').filter(Boolean);
    const examples = lines.slice(0, 3).map((l) => JSON.parse(l) as Example);
    const provider = { forward: sim, optimizer: sim };
    await client.sendAndWait({
      type: 'scoreTest',
      runId: 'r1',
      workflow: fixtureWorkflow(),
      examples,
      provider,
    });
    const scored = messages.find((m) => m.type === 'testScored');
    if (scored?.type !== 'testScored' || !('score' in scored)) throw new Error('no score');
    expect(scored.runId).toBe('r1');
    expect(scored.score.examples).toBe(3);
    expect(scored.score.perExample.map((p) => p.exampleId)).toEqual(examples.map((e) => e.id));
    expect(scored.score.simulated).toBe(true);
    const calls = messages.flatMap((m) => (m.type === 'call' ? [m] : []));
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.runId === 'r1' && (c.record.callKey ?? '').startsWith('test/'))).toBe(true);
    // A bad endpoint: the answer says why, and no run is turned into an error.
    messages.length = 0;
    const bad = { kind: 'openai-compatible' as const, baseUrl: 'not a url', model: '' };
    await client.sendAndWait({
      type: 'scoreTest',
      runId: 'r2',
      workflow: fixtureWorkflow(),
      examples,
      provider: { forward: bad, optimizer: sim },
    });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ type: 'testScored', runId: 'r2', error: expect.any(String) });
  });

  it('rejects commands for unknown runs and invalid settings with a message', async () => {
    const messages: HostMessage[] = [];
    const client = inlineClient((m) => messages.push(m));
    await client.sendAndWait({ type: 'run', runId: 'nope', until: 'unit' });
    await client.sendAndWait({
      type: 'startOptimization',
      runId: 'bad',
      workflow: {} as never,
      dataset: { train: [], val: [] },
      provider: { forward: sim, optimizer: sim },
      settings: { algorithm: 'gtbp', iterations: 0 },
    } as EngineCommand);
    expect(messages.map((m) => m.type)).toEqual(['commandRejected', 'commandRejected']);
    expect(messages[0]).toMatchObject({ runId: 'nope', command: 'run' });
    expect(messages[1]).toMatchObject({ runId: 'bad', command: 'startOptimization' });
  });

  it('refuses an optimizer endpoint with a file: URL before any call, naming the role and the rule', async () => {
    const messages: HostMessage[] = [];
    const client = inlineClient((m) => messages.push(m));
    await client.sendAndWait({
      type: 'startForward',
      runId: 'f',
      workflow: {} as never,
      examples: [],
      provider: {
        forward: sim,
        optimizer: { kind: 'openai-compatible', baseUrl: 'file:///etc/passwd', model: 'o' },
      },
    });
    expect(messages.filter((m) => m.type === 'call')).toEqual([]);
    expect(messages.at(-1)).toMatchObject({ type: 'commandRejected', command: 'startForward' });
    const rejected = messages.at(-1) as { message: string };
    expect(rejected.message).toContain('Optimizer model: Base URL must be an http(s) URL');
    expect(rejected.message).not.toMatch(/CORS/);
  });

  it('runs startForward with streaming: live node events, then the result', async () => {
    const messages: HostMessage[] = [];
    const client = inlineClient((m) => messages.push(m));
    const workflow = fixtureWorkflow();
    await client.sendAndWait({
      type: 'startForward',
      runId: 'f2',
      workflow,
      examples: [fixtureExample()],
      provider: { forward: sim, optimizer: sim },
      stream: true,
    });
    const kinds = messages.map((m) => (m.type === 'forwardProgress' ? m.event.type : m.type));
    expect(kinds).toContain('nodePartial');
    expect(kinds.at(-1)).toBe('forwardResult');
  });

  it('sends a forward run node events of the watched example only, every exampleFinished, no calls', async () => {
    const messages: HostMessage[] = [];
    const client = inlineClient((m) => messages.push(m));
    const lines = readFileSync(join(FIXTURE, 'val.jsonl'), 'utf8').split('\n').filter(Boolean);
    const examples = lines.slice(0, 3).map((l) => JSON.parse(l) as Example);
    const watch = examples[2]?.id as string;
    const command = { type: 'startForward' as const, workflow: fixtureWorkflow(), examples, stream: true };
    await client.sendAndWait({ ...command, runId: 'w', provider: { forward: sim, optimizer: sim }, watch });
    const events = messages.flatMap((m) => (m.type === 'forwardProgress' ? [m.event] : []));
    const nodeEvents = events.filter((e) => e.type !== 'exampleFinished');
    expect(nodeEvents.length).toBeGreaterThan(0);
    expect(nodeEvents.every((e) => e.exampleId === watch)).toBe(true);
    const finished = events.filter((e) => e.type === 'exampleFinished').map((e) => e.exampleId);
    expect(finished.sort()).toEqual(examples.map((e) => e.id).sort());
    expect(messages.filter((m) => m.type === 'call')).toEqual([]);
    expect(messages.at(-1)?.type).toBe('forwardResult');
  });
});
