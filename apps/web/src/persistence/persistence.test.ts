import 'fake-indexeddb/auto';
import { createStudioStore } from '../store/create-store';
import { addNode, createNode, updateNode } from '../store/doc-ops';
import { attachPersistence } from './attach';
import { exportBundle, importBundle, stripSecrets } from './bundle';
import { openBackflowDb } from './db';
import { deleteProject, duplicateProject, listProjects, renameProject, restoreProject } from './projects';
import { createThrottledWriter } from './throttle';

let dbSeq = 0;
const freshDb = () => openBackflowDb(`test-${Date.now()}-${++dbSeq}`);

describe('throttled writer', () => {
  it('writes nothing before enable, then only the latest value once', async () => {
    const written: number[] = [];
    const w = createThrottledWriter<number>(async (v) => {
      written.push(v);
    }, 10_000);
    w.push(1);
    w.push(2);
    await w.flush();
    expect(written).toEqual([]);
    w.enable();
    w.push(3);
    await w.flush();
    await w.flush();
    expect(written).toEqual([3]);
  });
});

describe('attachPersistence', () => {
  it('creates a project on first load, saves edits and reloads them into a new store', async () => {
    const db = freshDb();
    const a = createStudioStore();
    const pa = attachPersistence(a, db, { tabId: 'a', delayMs: 5 });
    await pa.ready;
    const id = a.getState().doc.id;
    a.getState().changeDoc((d) => addNode(d, createNode('llm', 'llm_1', { x: 10, y: 20 })));
    a.getState().changeDoc((d) => updateNode(d, 'llm_1', { label: 'Solver' }));
    a.getState().setTheme('dark');
    await pa.flush();
    pa.detach();

    const b = createStudioStore();
    const pb = attachPersistence(b, db, { tabId: 'b', delayMs: 5 });
    await pb.ready;
    expect(b.getState().doc.id).toBe(id);
    expect(b.getState().doc.nodes[0]?.label).toBe('Solver');
    expect(b.getState().theme).toBe('dark');
    expect(b.getState().past).toHaveLength(0);
    pb.detach();
    db.close();
  });

  it('does not overwrite stored data with the empty document shown before the load', async () => {
    const db = freshDb();
    const a = createStudioStore();
    const pa = attachPersistence(a, db, { tabId: 'a', delayMs: 5 });
    await pa.ready;
    a.getState().changeDoc((d) => addNode(d, createNode('input', 'input_1', { x: 0, y: 0 })));
    await pa.flush();
    pa.detach();
    const b = createStudioStore();
    const pb = attachPersistence(b, db, { tabId: 'b', delayMs: 5 });
    await pb.flush(); // before ready: must not write b's empty starting document
    await pb.ready;
    expect((await db.workflows.toArray()).flatMap((r) => r.doc.nodes.map((n) => n.id))).toEqual(['input_1']);
    pb.detach();
    db.close();
  });

  it('lets a second tab see the first tab saving the same project', async () => {
    const db = freshDb();
    const a = createStudioStore();
    const pa = attachPersistence(a, db, { tabId: 'a', delayMs: 5 });
    await pa.ready;
    const b = createStudioStore();
    const pb = attachPersistence(b, db, { tabId: 'b', delayMs: 5 });
    await pb.ready;
    a.getState().changeDoc((d) => addNode(d, createNode('output', 'out', { x: 0, y: 0 })));
    await pa.flush();
    await vi.waitFor(() => expect(b.getState().doc.nodes.map((n) => n.id)).toEqual(['out']), {
      timeout: 10_000,
    });
    pa.detach();
    pb.detach();
    db.close();
  });
});

describe('projects', () => {
  it('renames, duplicates, deletes and restores a project with its dataset', async () => {
    const db = freshDb();
    const store = createStudioStore();
    const p = attachPersistence(store, db, { tabId: 't', delayMs: 5 });
    await p.ready;
    const id = store.getState().doc.id;
    store.getState().setDataset({
      id: 'd',
      name: 'D',
      fields: ['q'],
      examples: [{ id: '1', inputs: { q: 'x' }, target: 'y' }],
    });
    await p.flush();
    await renameProject(db, id, 'Renamed');
    const copy = await duplicateProject(db, id);
    expect(copy?.name).toBe('Renamed (copy)');
    expect(await db.datasets.get(`${copy?.id}:dataset`)).toBeDefined();
    const deleted = await deleteProject(db, id);
    expect((await listProjects(db)).map((r) => r.id)).toEqual([copy?.id]);
    await restoreProject(db, deleted!);
    expect((await listProjects(db)).map((r) => r.name).sort()).toEqual(['Renamed', 'Renamed (copy)']);
    expect(await db.datasets.get(`${id}:dataset`)).toBeDefined();
    p.detach();
    db.close();
  });
});

describe('bundle files', () => {
  it('round-trips a workflow and strips keys wherever they hide', () => {
    const store = createStudioStore();
    store.getState().changeDoc((d) => addNode(d, createNode('llm', 'llm_1', { x: 1, y: 2 })));
    const doc = store.getState().doc;
    const text = exportBundle(doc);
    const back = importBundle(text);
    expect(back.ok && back.workflow).toEqual(doc);
    expect(stripSecrets({ a: { apiKey: 'sk-1', keep: 1 }, list: [{ api_key: 'x' }] })).toEqual({
      a: { keep: 1 },
      list: [{}],
    });
    expect(importBundle('{nope').ok).toBe(false);
    expect(importBundle('{"format":"backflow.workflow"}').ok).toBe(false);
  });
});
