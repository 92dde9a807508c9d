/**
 * Node's module compile cache (`module.enableCompileCache()`, Node 22.1 and later): V8's compiled
 * code of the bundle's chunks is kept on disk, so a start after the first one skips compiling what
 * the cache holds. The folder is Node's choice: `NODE_COMPILE_CACHE` when set, else
 * `<os temp folder>/node-compile-cache`; `NODE_DISABLE_COMPILE_CACHE=1` turns it off. It is an
 * optimisation only: Node 20 has no such function, and a folder that cannot be written leaves the
 * command running as before (Node reports it instead of throwing; a throw is caught all the same).
 */

/** What became of the compile cache in this process. */
export type CompileCacheState = 'enabled' | 'disabled' | 'failed' | 'unavailable';

/** The part of `node:module` this needs (absent on Node before 22.1). */
export interface CompileCacheApi {
  enableCompileCache?: () => { status?: number } | undefined;
  constants?: { compileCacheStatus?: Record<string, number> };
}

/** Turns the compile cache on where `nodeModule` (`node:module`) has it; never throws. */
export function enableCompileCache(nodeModule: object): CompileCacheState {
  // Node 20's types (the oldest Node supported) do not know the function: it is detected.
  const api = nodeModule as CompileCacheApi;
  if (typeof api.enableCompileCache !== 'function') return 'unavailable';
  try {
    const status = api.enableCompileCache()?.status;
    const known = api.constants?.compileCacheStatus ?? {};
    if (status === known.ENABLED || status === known.ALREADY_ENABLED) return 'enabled';
    if (status === known.DISABLED) return 'disabled';
    return 'failed';
  } catch {
    return 'failed';
  }
}
