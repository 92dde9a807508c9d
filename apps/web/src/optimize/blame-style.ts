/**
 * Canvas colouring during a backward pass, from a node's backward look string
 * (see `backwardLookOf`): a red ring and tint scaled by blame, a sky ring on the current node.
 */
import { formatBlame } from '@backflow/engine';
import type { CSSProperties } from 'react';

/** Parsed look: rank (0 = not reached), current node, blame (-1 = not computed), check. */
export interface BackwardLook {
  rank: number;
  current: boolean;
  blame: number;
  /** The counterfactual check of the node's proposal, when one ran. */
  check?: { fixed: number; checked: number };
}

/** Parses a look string; null when no run is shown. */
export function parseLook(look: string): BackwardLook | null {
  if (!look) return null;
  const [rank, current, blame, check] = look.split('|');
  const parsed: BackwardLook = { rank: Number(rank), current: current === '1', blame: Number(blame) };
  const [fixed, checked] = (check ?? '').split('/');
  if (check) parsed.check = { fixed: Number(fixed), checked: Number(checked) };
  return parsed;
}

/** The colour of a blame in [0, 1]: from amber (low) to red (high), as the legend shows. */
export function blameColour(blame: number): string {
  const hue = Math.round(45 - 45 * Math.min(1, Math.max(0, blame)));
  return `hsl(${hue} 90% 50%)`;
}

/**
 * The words beside a node's ring: its blame figure (the engine's `formatBlame`, as the Backward
 * tab and the report print it) and what its update alone fixed; null before the pass's blame.
 */
export function blameBadgeText(look: BackwardLook | null): string | null {
  if (!look || look.blame < 0) return null;
  const check = look.check ? ` · fixes ${look.check.fixed}/${look.check.checked}` : '';
  return `blame ${formatBlame(look.blame)}${check}`;
}

/** Inline style and data attributes for a node frame (empty when no run is shown). */
export function backwardFrameProps(look: string): {
  style?: CSSProperties;
  [data: `data-${string}`]: string;
} {
  const parsed = parseLook(look);
  if (!parsed) return {};
  const attrs = {
    'data-backward-rank': String(parsed.rank),
    'data-backward-current': String(parsed.current),
    'data-blame': parsed.blame < 0 ? '' : parsed.blame.toFixed(3),
  };
  if (parsed.current) return { ...attrs, style: { boxShadow: '0 0 0 4px rgb(14 165 233 / 0.8)' } };
  if (parsed.blame > 0) {
    const c = blameColour(parsed.blame);
    return { ...attrs, style: { boxShadow: `0 0 0 ${2 + Math.round(4 * parsed.blame)}px ${c}` } };
  }
  if (parsed.rank > 0) return { ...attrs, style: { boxShadow: '0 0 0 2px rgb(14 165 233 / 0.35)' } };
  return attrs;
}
