/**
 * Removes from a Worker's global scope everything user code could use to reach the network, the
 * page, storage or other contexts, and every way to compile new code except the one returned.
 * Runs once, when the sandbox Worker starts, before any user code.
 *
 * WHY each group:
 * - network: fetch, XMLHttpRequest, WebSocket, EventSource, WebTransport, importScripts;
 * - storage: indexedDB, caches (the studio's runs and keys live in IndexedDB);
 * - other contexts: BroadcastChannel, Worker/SharedWorker, postMessage (only the sandbox's own
 *   captured `post` answers the host);
 * - new code: eval, Function and the constructors reachable from any function's prototype, and
 *   string timers, so the only code ever compiled is what {@link Lockdown.compile} was given, and
 *   a static check of that text (no `import`) also rules out dynamic `import()`.
 */

/** The capabilities the sandbox keeps for itself after locking the scope. */
export interface Lockdown {
  /** Compiles a function body with the given parameters (the only compiler left). */
  compile(params: string[], body: string): (...args: unknown[]) => unknown;
  /** Sends a message to the host. */
  post(message: unknown): void;
}

/** Globals removed from the scope and its whole prototype chain. */
export const BLOCKED_GLOBALS = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'EventSource',
  'WebTransport',
  'importScripts',
  'indexedDB',
  'caches',
  'BroadcastChannel',
  'Worker',
  'SharedWorker',
  'postMessage',
  'eval',
  'Function',
  'navigator',
  'close',
] as const;

/** Text that user code may not contain: `import(...)` would load a module from the network. */
export const FORBIDDEN_SOURCE = /\bimport\b/;

/** Locks `scope` (a Worker's `self`) down; returns what the sandbox still needs. */
export function lockDown(scope: Record<string, unknown>): Lockdown {
  // The scope's own Function (a Worker's; a test's vm context's), never this module's realm's.
  const FunctionCtor = scope.Function as FunctionConstructor;
  const postMessage = (scope.postMessage as (m: unknown) => void).bind(scope);
  const setTimeoutFn = scope.setTimeout as (...args: unknown[]) => number;
  const setIntervalFn = scope.setInterval as (...args: unknown[]) => number;
  for (const name of BLOCKED_GLOBALS) removeEverywhere(scope, name);
  // A string handler is compiled like eval: only functions may be scheduled.
  scope.setTimeout = (handler: unknown, ...rest: unknown[]) => {
    if (typeof handler !== 'function') throw new TypeError('setTimeout needs a function in the sandbox');
    return setTimeoutFn.call(scope, handler, ...rest);
  };
  scope.setInterval = (handler: unknown, ...rest: unknown[]) => {
    if (typeof handler !== 'function') throw new TypeError('setInterval needs a function in the sandbox');
    return setIntervalFn.call(scope, handler, ...rest);
  };
  // `(() => {}).constructor` is Function (likewise for async and generator functions).
  const samples = new FunctionCtor(
    'return [function () {}, async function () {}, function* () {}, async function* () {}];',
  )() as object[];
  for (const sample of samples) {
    Object.defineProperty(Object.getPrototypeOf(sample), 'constructor', {
      value: undefined,
      writable: false,
      configurable: false,
    });
  }
  return {
    compile: (params, body) => new FunctionCtor(...params, body) as (...args: unknown[]) => unknown,
    post: postMessage,
  };
}

/** Deletes `name` from `scope` and every object on its prototype chain, or shadows it when it cannot. */
function removeEverywhere(scope: Record<string, unknown>, name: string): void {
  let target: object | null = scope;
  while (target !== null && target !== Object.prototype) {
    if (Object.hasOwn(target, name)) {
      const deleted = Reflect.deleteProperty(target, name);
      if (!deleted) Object.defineProperty(target, name, { value: undefined, configurable: false });
    }
    target = Object.getPrototypeOf(target) as object | null;
  }
  if (name in scope) Object.defineProperty(scope, name, { value: undefined, configurable: false });
}
