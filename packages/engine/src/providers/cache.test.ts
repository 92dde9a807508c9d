import { cacheKeyOf, createMemoryCache, isDeterministic, withCache } from './cache';
import { countingModel } from './test-support/counting-model';
import type { ChatRequest } from './types';

const ask = (extra: Partial<ChatRequest> = {}): ChatRequest => ({
  messages: [{ role: 'user', content: 'q' }],
  ...extra,
});

describe('response cache', () => {
  it('treats temperature 0 or a seed as deterministic', () => {
    expect(isDeterministic(ask({ temperature: 0 }))).toBe(true);
    expect(isDeterministic(ask({ temperature: 0.8, seed: 3 }))).toBe(true);
    expect(isDeterministic(ask({ temperature: 0.8 }))).toBe(false);
    expect(isDeterministic(ask())).toBe(false);
  });

  it('keys on model, messages, temperature, max tokens and seed, not on callbacks or meta', () => {
    const key = cacheKeyOf(ask({ temperature: 0 }), 'm');
    expect(cacheKeyOf(ask({ temperature: 0, onPartial: () => {}, meta: { purpose: 'forward' } }), 'm')).toBe(
      key,
    );
    expect(cacheKeyOf(ask({ temperature: 0, model: 'm' }), 'other')).toBe(key);
    expect(cacheKeyOf(ask({ temperature: 0 }), 'other')).not.toBe(key);
    expect(cacheKeyOf(ask({ temperature: 0, maxTokens: 5 }), 'm')).not.toBe(key);
    expect(cacheKeyOf(ask({ temperature: 0, seed: 1 }), 'm')).not.toBe(key);
    expect(cacheKeyOf({ messages: [{ role: 'system', content: 'q' }], temperature: 0 }, 'm')).not.toBe(key);
  });

  it('serves deterministic repeats from the cache and reports the hit through onPartial', async () => {
    const base = countingModel();
    const model = withCache(base, { cache: createMemoryCache(), defaultModel: 'm' });
    const first = await model.complete(ask({ temperature: 0 }));
    const partials: string[] = [];
    const second = await model.complete(ask({ temperature: 0, onPartial: (t) => partials.push(t) }));
    expect(base.calls).toBe(1);
    expect(second).toMatchObject({ text: first.text, usage: first.usage, cached: true });
    expect(partials).toEqual([first.text]);
  });

  it('calls the model every time for sampled calls unless the mode is "always"', async () => {
    const base = countingModel();
    const byDefault = withCache(base, { cache: createMemoryCache(), defaultModel: 'm' });
    await byDefault.complete(ask({ temperature: 1 }));
    await byDefault.complete(ask({ temperature: 1 }));
    expect(base.calls).toBe(2);
    const always = withCache(base, { cache: createMemoryCache(), defaultModel: 'm', mode: 'always' });
    await always.complete(ask({ temperature: 1 }));
    await always.complete(ask({ temperature: 1 }));
    expect(base.calls).toBe(3);
  });

  it('drops the oldest entry beyond its size and returns copies', async () => {
    const cache = createMemoryCache(2);
    const value = { text: 't', usage: { inputTokens: 1, outputTokens: 1 }, model: 'm' };
    await cache.set('a', value);
    await cache.set('b', value);
    await cache.set('c', value);
    expect(cache.size).toBe(2);
    expect(await cache.get('a')).toBeUndefined();
    const hit = await cache.get('b');
    if (hit) hit.text = 'mutated';
    expect((await cache.get('b'))?.text).toBe('t');
  });
});
