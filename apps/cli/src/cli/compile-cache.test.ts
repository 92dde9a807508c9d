import { type CompileCacheApi, enableCompileCache } from './compile-cache';

// Node's own statuses (module.constants.compileCacheStatus on Node 22.1+).
const constants = { compileCacheStatus: { FAILED: 0, ENABLED: 1, ALREADY_ENABLED: 2, DISABLED: 3 } };

/** A `node:module` whose enableCompileCache answers `status` (or throws), counting its calls. */
function moduleAnswering(status: number | 'throw'): CompileCacheApi & { calls: number } {
  const api = {
    calls: 0,
    constants,
    enableCompileCache() {
      api.calls++;
      if (status === 'throw') throw new Error('cannot');
      return { status };
    },
  };
  return api;
}

describe('enableCompileCache', () => {
  it('is skipped where Node has no compile cache (Node 20)', () => {
    expect(enableCompileCache({})).toBe('unavailable');
  });

  it("reports Node's answer: enabled, already enabled, disabled by the environment, failed", () => {
    const enabled = moduleAnswering(1);
    expect(enableCompileCache(enabled)).toBe('enabled');
    expect(enabled.calls).toBe(1);
    expect(enableCompileCache(moduleAnswering(2))).toBe('enabled');
    expect(enableCompileCache(moduleAnswering(3))).toBe('disabled');
    expect(enableCompileCache(moduleAnswering(0))).toBe('failed');
  });

  it('never throws, even if Node did', () => {
    expect(enableCompileCache(moduleAnswering('throw'))).toBe('failed');
  });
});
