/**
 * ADAPTER: the checks Import adds on top of the engine's `validateWorkflow` (which the canvas
 * badges and the problems list call directly): cycles refuse a file, huge texts warn.
 */

import { nodeKindOf, validateWorkflow, type Workflow } from '@backflow/engine';
import { isolate } from '../ui/bidi';
import { formatBytes } from './parse';

/**
 * Why `doc` must not be imported as it is, or undefined. A cycle is drawn by mistake on the
 * canvas (and shown under Problems), but a file that arrives with one cannot run at all, so
 * Import refuses it, naming every cycle.
 */
export function importRefusal(doc: Workflow): string | undefined {
  const cycles = validateWorkflow(doc).filter((p) => p.code === 'cycle');
  if (cycles.length === 0) return undefined;
  return `The workflow is not imported: ${cycles.map((p) => p.message).join(' ')}`;
}

/** A prompt, template or code body longer than this is worth a warning at import (characters). */
export const HUGE_TEXT_CHARS = 100_000;

/**
 * One sentence per node text longer than {@link HUGE_TEXT_CHARS}: every call sends it again, so
 * it costs tokens (and may pass the model's context) long before anything looks wrong.
 */
export function hugeTextWarnings(doc: Workflow): string[] {
  const warnings: string[] = [];
  for (const node of doc.nodes) {
    for (const [what, text] of nodeKindOf(node).texts?.(node) ?? []) {
      if (text.length <= HUGE_TEXT_CHARS) continue;
      warnings.push(
        `Node "${isolate(node.label ?? node.id)}" has a ${formatBytes(text.length)} ${what}; every call sends all of it (check your model's context and cost).`,
      );
    }
  }
  return warnings;
}
