/**
 * Seeded randomness whose whole state is one number, so a session can serialise it mid-run and a
 * resumed run draws exactly the same values (mulberry32).
 */
export interface Rng {
  /** Next float in [0, 1). */
  next(): number;
  /** Current state, to store in a checkpoint. */
  state(): number;
}

/** Creates a generator from a seed or a state saved with `rng.state()`. */
export function createRng(seedOrState: number): Rng {
  let s = seedOrState >>> 0;
  return {
    next() {
      s = (s + 0x6d2b79f5) >>> 0;
      let t = s;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
    state: () => s,
  };
}

/** Integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng.next() * n);
}

/** A shuffled copy (Fisher–Yates); the input is not modified. */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Up to `k` distinct items drawn without replacement, in draw order. */
export function sample<T>(rng: Rng, items: readonly T[], k: number): T[] {
  return shuffled(rng, items).slice(0, Math.max(0, Math.min(k, items.length)));
}
