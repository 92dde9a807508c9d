import type { ChatMessage, EndpointSettings } from '../engine';
import { createSimulatedModel, SIMULATED_MODEL_LABEL, simulatedModelFor } from './sim-model';

const forward = (i: number): ChatMessage[] => [
  { role: 'system', content: 'Add the numbers up. Round to 1 decimal place.' },
  { role: 'user', content: `Amounts: ${i}.25 ${i * 3}.5 7.125` },
];

describe('createSimulatedModel', () => {
  it('is labelled as simulated and counts usage as ceil(chars / 4)', async () => {
    const model = createSimulatedModel();
    expect(model.label).toBe(SIMULATED_MODEL_LABEL);
    expect(model.simulated).toBe(true);
    const messages = forward(1);
    const res = await model.complete({ messages });
    const chars = messages.reduce((n, m) => n + m.content.length, 0);
    expect(res.usage).toEqual({
      inputTokens: Math.ceil(chars / 4),
      outputTokens: Math.ceil(res.text.length / 4),
    });
    expect(res.text).toBe('11.9'); // 1.25 + 3.5 + 7.125 = 11.875
  });

  it('gives every call its own id', async () => {
    const model = createSimulatedModel({ seed: 7 });
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await model.complete({ messages: forward(1) })).callId);
    expect(ids.size).toBe(5);
    expect([...ids][0]).toContain('7');
  });

  it('answers with the same bytes for the same seed and messages, even with noise', async () => {
    const options = { seed: 3, forwardErrorRate: 0.5, optimizerErrorRate: 0.5 };
    const a = createSimulatedModel(options);
    const b = createSimulatedModel(options);
    for (let i = 0; i < 20; i++) {
      expect((await a.complete({ messages: forward(i) })).text).toBe(
        (await b.complete({ messages: forward(i) })).text,
      );
    }
    // Order does not matter: each decision is a hash of the request, not a stream of draws.
    expect((await a.complete({ messages: forward(5) })).text).toBe(
      (await b.complete({ messages: forward(5) })).text,
    );
  });

  it('honours the forward error rate roughly and deterministically', async () => {
    const clean = createSimulatedModel({ seed: 11 });
    const noisy = createSimulatedModel({ seed: 11, forwardErrorRate: 0.3 });
    let wrong = 0;
    const n = 400;
    for (let i = 0; i < n; i++) {
      const messages = forward(i);
      const noisyText = (await noisy.complete({ messages })).text;
      if (noisyText !== (await clean.complete({ messages })).text) wrong++;
      expect((await noisy.complete({ messages })).text).toBe(noisyText);
    }
    expect(wrong / n).toBeGreaterThan(0.2);
    expect(wrong / n).toBeLessThan(0.4);
  });

  it('slips only at a temperature above 0 in the noisy world', async () => {
    const clean = createSimulatedModel({ seed: 5 });
    const noisy = createSimulatedModel({ seed: 5, slipRate: 0.5 });
    let slipsCold = 0;
    let slipsWarm = 0;
    const n = 200;
    for (let i = 0; i < n; i++) {
      const messages = forward(i);
      const right = (await clean.complete({ messages })).text;
      if ((await noisy.complete({ messages, temperature: 0 })).text !== right) slipsCold++;
      if ((await noisy.complete({ messages, temperature: 0.7 })).text !== right) slipsWarm++;
    }
    expect(slipsCold).toBe(0);
    // A skipped step that changes nothing leaves the answer right, so fewer than half differ.
    expect(slipsWarm / n).toBeGreaterThan(0.25);
    expect(slipsWarm / n).toBeLessThan(0.6);
  });

  it('honours an abort signal', async () => {
    const model = createSimulatedModel();
    const controller = new AbortController();
    controller.abort();
    await expect(model.complete({ messages: forward(1), signal: controller.signal })).rejects.toBeDefined();
    const late = new AbortController();
    const pending = model.complete({ messages: forward(1), signal: late.signal });
    late.abort();
    await expect(pending).rejects.toBeDefined();
  });

  it('streams its answer through onPartial', async () => {
    const seen: string[] = [];
    const res = await createSimulatedModel().complete({
      messages: forward(2),
      onPartial: (t) => seen.push(t),
    });
    expect(seen.at(-1)).toBe(res.text);
  });
});

describe('simulatedModelFor', () => {
  const endpoint = (simNoise?: EndpointSettings['simNoise']): EndpointSettings => ({
    kind: 'simulated',
    baseUrl: '',
    model: 'sim-a',
    ...(simNoise ? { simNoise } : {}),
  });
  const answer = (model: ReturnType<typeof createSimulatedModel>) =>
    model.complete({ messages: forward(2), temperature: 0 });

  it("lays the host's seed and naming under the settings, which win where they speak", async () => {
    const plain = await answer(simulatedModelFor(endpoint(), { seed: 1 }));
    expect(plain.callId).toBe('sim-1-1');
    expect(plain.model).toBe('backflow-sim');
    const named = await answer(
      simulatedModelFor(endpoint({ seed: 5 }), { seed: 0, namedAfterEndpoint: true }),
    );
    expect(named.callId).toBe('sim-5-1');
    expect(named.model).toBe('sim-a');
  });

  it('answers as the simulator built from the same noise, realistic answers included, in either host', async () => {
    const simNoise = { seed: 3, forwardErrorRate: 0.5, optimizerErrorRate: 0.5, realisticRate: 1 };
    const noisy = { seed: 3, forwardErrorRate: 0.5, optimizerErrorRate: 0.5 };
    const texts = async (model: ReturnType<typeof createSimulatedModel>) => {
      const out: string[] = [];
      for (let i = 0; i < 8; i++) out.push((await model.complete({ messages: forward(i) })).text);
      return out;
    };
    const plain = await texts(simulatedModelFor(endpoint(noisy), { seed: 0 }));
    // The studio's defaults and the CLI's: the settings' realistic share applies in both.
    const studio = await texts(simulatedModelFor(endpoint(simNoise), { seed: 0, namedAfterEndpoint: true }));
    const cli = await texts(simulatedModelFor(endpoint(simNoise), { seed: 1 }));
    expect(plain).toEqual(await texts(createSimulatedModel(noisy)));
    const realistic = await texts(createSimulatedModel({ ...noisy, realistic: { rate: 1, seed: 3 } }));
    expect(studio).toEqual(realistic);
    expect(cli).toEqual(realistic);
    expect(realistic).not.toEqual(plain);
  });
});
