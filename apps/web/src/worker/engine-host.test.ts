import type { EngineCommand } from '@backflow/engine';
import { inlineClient } from './client';
import type { HostMessage } from './protocol';

describe('engine host', () => {
  it('rejects commands for unknown runs and invalid settings with a message', async () => {
    const messages: HostMessage[] = [];
    const client = inlineClient((m) => messages.push(m));
    await client.sendAndWait({ type: 'step', runId: 'nope' });
    await client.sendAndWait({
      type: 'startOptimization',
      runId: 'bad',
      workflow: {} as never,
      dataset: { train: [], val: [] },
      provider: { kind: 'simulated', forwardModel: 'backflow-sim' },
      settings: { algorithm: 'gtbp', iterations: 0 },
    } as EngineCommand);
    expect(messages.map((m) => m.type)).toEqual(['commandRejected', 'commandRejected']);
    expect(messages[0]).toMatchObject({ runId: 'nope', command: 'step' });
    expect(messages[1]).toMatchObject({ runId: 'bad', command: 'startOptimization' });
  });
});
