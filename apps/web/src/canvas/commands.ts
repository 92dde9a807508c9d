/**
 * The command palette's model (Ctrl/⌘ K): the node library (every node kind, found by what it is
 * for, not only by its name), connections from the selected node to every node it may feed, and
 * the canvas actions. It is the keyboard path to everything a mouse does on the canvas: adding a
 * node at a free spot, connecting two nodes, and the toolbar's commands.
 */
import { NODE_KINDS, type NodeKind } from '@backflow/engine';
import { connectNodes } from '../store/connect';
import type { StudioState } from '../store/studio-state';
import { type ActionContext, addNodeAt, CANVAS_ACTIONS } from './actions';
import { KIND_VIEWS } from './nodes/kind-views';

/** One entry of the palette. */
export interface PaletteCommand {
  id: string;
  /** What the row says. */
  label: string;
  /** A second, quieter line: what it does or is for. */
  hint: string;
  /** Group heading the row is listed under. */
  group: 'Add node' | 'Connect' | 'Canvas';
  /** Extra words a search matches (synonyms a newcomer might type). */
  keywords: string;
  perform(ctx: ActionContext): void | Promise<void>;
}

/**
 * What each kind is for and the words people look for it by (the palette's search). A record over
 * the engine's kinds: a new kind does not compile until it says what it is for here.
 */
const LIBRARY_WORDS: Record<NodeKind, { hint: string; keywords: string }> = {
  input: {
    hint: 'The fields of one example (question, context…) enter the workflow here',
    keywords: 'field dataset example source start question variable',
  },
  llm: {
    hint: 'A model call: system prompt and user template, trainable by the optimizer',
    keywords: 'model prompt chat gpt language ai completion agent step trainable',
  },
  code: {
    hint: 'A JavaScript function of its inputs, run in a sandbox',
    keywords: 'javascript js function script transform parse tool',
  },
  output: {
    hint: 'The final answer, scored against the target by the loss',
    keywords: 'answer result target loss score end sink',
  },
};

/** The node library: every kind in the engine's registry order, named as its view names it. */
export const NODE_LIBRARY = NODE_KINDS.map((kind) => ({
  kind,
  label: KIND_VIEWS[kind].name,
  ...LIBRARY_WORDS[kind],
}));

const nameOf = (s: StudioState, id: string) => s.doc.nodes.find((n) => n.id === id)?.label || id;

/**
 * Every command on offer in `state`: the node library, then (with exactly one node selected) a
 * "Connect" row for each node the connection model accepts as its target, then the canvas actions
 * that have a keyboard shortcut already (listed with it).
 */
export function paletteCommands(state: StudioState): PaletteCommand[] {
  const add: PaletteCommand[] = NODE_LIBRARY.map((k) => ({
    id: `add-${k.kind}`,
    label: `${k.label} node`,
    hint: k.hint,
    group: 'Add node',
    keywords: `add new ${k.kind} ${k.keywords}`,
    perform: (ctx) => void addNodeAt(ctx.store, k.kind, ctx.viewCenter()),
  }));
  const connect: PaletteCommand[] = [];
  const [source] = state.selectedNodeIds;
  if (source && state.selectedNodeIds.length === 1) {
    for (const target of state.doc.nodes) {
      if (target.id === source) continue;
      const result = connectNodes(state.doc, { source, target: target.id });
      if (!result.ok) continue;
      connect.push({
        id: `connect-${target.id}`,
        label: `Connect ${nameOf(state, source)} → ${nameOf(state, target.id)}`,
        hint: `As input {{${result.edge.targetInput}}} of ${target.id}`,
        group: 'Connect',
        keywords: `connect edge link wire ${target.id} ${target.kind}`,
        perform: ({ store }) => {
          // Checked again against the document as it is now: the palette may have stayed open.
          const now = connectNodes(store.getState().doc, { source, target: target.id });
          if (!now.ok) return void store.getState().toast(now.reason, { kind: 'error', ms: 8000 });
          store.getState().changeDoc(() => now.doc);
          store.getState().setSelection([target.id], []);
        },
      });
    }
  }
  const canvas: PaletteCommand[] = CANVAS_ACTIONS.filter(
    (a) => !['escape', 'help', 'add-llm', 'palette', 'open'].includes(a.id),
  ).map((a) => ({
    id: `action-${a.id}`,
    label: a.label,
    hint: a.keys,
    group: 'Canvas',
    keywords: a.id,
    perform: (ctx) => a.perform(ctx),
  }));
  return [...add, ...connect, ...canvas];
}

/**
 * The commands matching `query`: every word of it must start a word of the label, hint or
 * keywords (so "mod" finds the LLM node by "model", "js" the Code node), in the palette's order.
 */
export function filterCommands(commands: readonly PaletteCommand[], query: string): PaletteCommand[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...commands];
  return commands.filter((c) => {
    const haystack = `${c.label} ${c.hint} ${c.keywords}`.toLowerCase().split(/[^a-z0-9_]+/);
    return words.every((w) => haystack.some((h) => h.startsWith(w.replace(/[^a-z0-9_]/g, ''))));
  });
}
