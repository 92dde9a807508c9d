import { createStudioStore } from '../store/create-store';
import { addNode, createNode } from '../store/doc-ops';
import { filterCommands, paletteCommands } from './commands';

function store() {
  const s = createStudioStore();
  s.getState().changeDoc((d) => addNode(d, createNode('input', 'input_1', { x: 0, y: 0 })));
  s.getState().changeDoc((d) => addNode(d, createNode('llm', 'llm_1', { x: 300, y: 0 })));
  s.getState().changeDoc((d) => addNode(d, createNode('output', 'output_1', { x: 600, y: 0 })));
  return s;
}
const ctx = (s: ReturnType<typeof store>) => ({
  store: s,
  viewCenter: () => ({ x: 0, y: 0 }),
  fitView: () => {},
});

describe('command palette', () => {
  it('finds node kinds by what they are for, not only by name', () => {
    const all = paletteCommands(store().getState());
    const ids = (q: string) => filterCommands(all, q).map((c) => c.id);
    expect(ids('llm')).toContain('add-llm');
    expect(ids('model')).toEqual(['add-llm']);
    expect(ids('js')).toEqual(['add-code']);
    expect(ids('answer')).toContain('add-output');
    expect(ids('zzz')).toEqual([]);
    expect(ids('')).toHaveLength(all.length);
  });

  it('adds the chosen kind at a free spot and selects it', async () => {
    const s = store();
    const add = filterCommands(paletteCommands(s.getState()), 'code')[0];
    await add?.perform(ctx(s));
    const added = s.getState().doc.nodes.find((n) => n.kind === 'code');
    expect(added).toBeDefined();
    expect(s.getState().selectedNodeIds).toEqual([added?.id]);
  });

  it('offers only the connections the model accepts from the selected node, and makes one', async () => {
    const s = store();
    expect(paletteCommands(s.getState()).filter((c) => c.group === 'Connect')).toEqual([]);
    s.getState().setSelection(['input_1'], []);
    const connect = paletteCommands(s.getState()).filter((c) => c.group === 'Connect');
    // An input node cannot be a target; the input itself is no target either.
    expect(connect.map((c) => c.id)).toEqual(['connect-llm_1', 'connect-output_1']);
    await connect[0]?.perform(ctx(s));
    expect(s.getState().doc.edges).toMatchObject([{ source: 'input_1', target: 'llm_1' }]);
    expect(s.getState().selectedNodeIds).toEqual(['llm_1']);
  });
});
