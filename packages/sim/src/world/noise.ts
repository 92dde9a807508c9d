/**
 * Seeded, stateless noise: every decision is a hash of (seed, purpose, request text), so the same
 * request always gets the same answer, whatever was asked before it and in whatever order.
 */
import type { ChatMessage } from '../engine';

/** FNV-1a over the UTF-16 code units, finished with a murmur-style mix for better low bits. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A number in [0, 1) fixed by the seed, a purpose tag and the messages. */
export function unitDraw(seed: number, purpose: string, messages: readonly ChatMessage[]): number {
  const text = `${seed}\u0000${purpose}\u0000${messages.map((m) => `${m.role}:${m.content}`).join('\u0001')}`;
  return hash32(text) / 4294967296;
}

/** A draw bound to one request: `chance(rate)` and `pick(n)` use independent purposes. */
export interface RequestNoise {
  /** True with probability `rate` (always the same answer for the same request and purpose). */
  chance(purpose: string, rate: number): boolean;
  /** An index in [0, n) for this request and purpose. */
  pick(purpose: string, n: number): number;
}

/** Noise decisions for one request. */
export function requestNoise(seed: number, messages: readonly ChatMessage[]): RequestNoise {
  return {
    chance: (purpose, rate) => rate > 0 && unitDraw(seed, purpose, messages) < rate,
    pick: (purpose, n) => (n <= 0 ? 0 : Math.floor(unitDraw(seed, purpose, messages) * n)),
  };
}
