import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { createStudioStore } from '../store/create-store';
import { addNode, createNode, emptyWorkflow } from '../store/doc-ops';
import { attachPersistence } from './attach';
import { declareVersions1And2, openBackflowDb } from './db';
import { createProject, listProjects, saveWorkflow } from './projects';
import { RefusedWrite } from './stored-rows';

let dbSeq = 0;
const freshName = () => `quarantine-${Date.now()}-${++dbSeq}`;
const goodDataset = {
  dataset: { id: 'd', name: 'D', fields: ['q'], examples: [{ id: '1', inputs: { q: 'x' }, target: 'y' }] },
  split: { seed: 1, train: 0.6, val: 0.2 },
};

describe('rows that no longer read are set aside on load', () => {
  it('moves a malformed workflow and a malformed dataset to quarantine, opens what reads, and says so', async () => {
    const db = openBackflowDb(freshName());
    const good = await createProject(db, 'Good one');
    await db.datasets.put({ id: `${good.id}:dataset`, workflowId: good.id, updatedAt: 1, ...goodDataset });
    // What an older build or a hand edit could leave: rows the UI would crash on.
    await db.workflows.put({
      id: 'wf_bad',
      name: 'Broken',
      updatedAt: Date.now() + 10,
      doc: { nodes: 3 },
    } as never);
    await db.datasets.put({
      id: 'wf_other:dataset',
      workflowId: 'wf_other',
      updatedAt: 2,
      dataset: {
        id: 'x',
        name: 'Cells',
        fields: ['q'],
        examples: [{ id: '1', inputs: { q: 42 }, target: 'y' }],
      },
      split: { seed: 1, train: 0.5, val: 0.2 },
    } as never);
    await db.settings.put({ key: 'ui', value: { theme: 'light', lastWorkflowId: 'wf_bad' } });

    const store = createStudioStore();
    const p = attachPersistence(store, db, { tabId: 't', delayMs: 5 });
    await p.ready;
    expect(store.getState().doc.id).toBe(good.id);
    expect(store.getState().dataset?.examples).toHaveLength(1);
    const set = await db.quarantine.toArray();
    expect(set.map((q) => [q.table, q.key])).toEqual([
      ['workflows', '"\u2068Broken\u2069"'],
      ['datasets', '"\u2068Cells\u2069"'],
    ]);
    expect(set[1]?.row).toMatchObject({ dataset: { name: 'Cells' } });
    expect(await db.workflows.get('wf_bad')).toBeUndefined();
    expect(await db.datasets.get('wf_other:dataset')).toBeUndefined();
    const toast = store.getState().toasts.at(-1);
    expect(toast?.kind).toBe('error');
    expect(toast?.text).toMatch(
      /^2 stored items could not be read and were set aside \(Projects → Set aside\): project/,
    );
    expect(toast?.text).toContain('every cell must be text');
    // A second load finds nothing more to move and says nothing.
    p.detach();
    const again = createStudioStore();
    const p2 = attachPersistence(again, db, { tabId: 't2', delayMs: 5 });
    await p2.ready;
    expect(await db.quarantine.count()).toBe(2);
    expect(again.getState().toasts).toEqual([]);
    p2.detach();
    db.close();
  });

  it('leaves an unreadable row out of the project list', async () => {
    const db = openBackflowDb(freshName());
    await createProject(db, 'Fine');
    await db.workflows.put({ id: 'wf_x', name: 'x', updatedAt: 0, doc: null } as never);
    expect((await listProjects(db)).map((r) => r.name)).toEqual(['Fine']);
    db.close();
  });
});

describe('writes are checked like reads', () => {
  it('refuses to store a document that would not read back, keeping the last good version', async () => {
    const db = openBackflowDb(freshName());
    const doc = await createProject(db, 'Named');
    await expect(saveWorkflow(db, { ...doc, name: 'n'.repeat(201) })).rejects.toBeInstanceOf(RefusedWrite);
    expect((await db.workflows.get(doc.id))?.name).toBe('Named');
    db.close();
  });

  it('tells the person once when an edit cannot be saved, and saves again once it reads', async () => {
    const db = openBackflowDb(freshName());
    const store = createStudioStore();
    const p = attachPersistence(store, db, { tabId: 't', delayMs: 5 });
    await p.ready;
    const id = store.getState().doc.id;
    const label = 'L'.repeat(1_000_000);
    store.getState().changeDoc((d) => addNode(d, { ...createNode('llm', 'llm_1', { x: 0, y: 0 }), label }));
    await p.flush();
    store.getState().changeDoc((d) => ({ ...d, description: 'still too long a label' }));
    await p.flush();
    const refusals = store.getState().toasts.filter((t) => t.text.startsWith('Not saved: '));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]?.text).toContain('The last saved version is kept.');
    expect((await db.workflows.get(id))?.doc.nodes).toEqual([]);
    store.getState().changeDoc((d) => ({ ...d, nodes: d.nodes.map((n) => ({ ...n, label: 'Short' })) }));
    await p.flush();
    expect((await db.workflows.get(id))?.doc.nodes[0]?.label).toBe('Short');
    p.detach();
    db.close();
  });
});

describe('schema version 3', () => {
  it('upgrades a version 2 database: the dead events table is dropped, projects and runs stay', async () => {
    const name = freshName();
    const v2 = new Dexie(name);
    declareVersions1And2(v2);
    const doc = emptyWorkflow('wf_old', 'Old project');
    await v2.table('workflows').put({ id: doc.id, name: doc.name, updatedAt: 1, doc });
    await v2.table('events').put({ runId: 'r', at: 1, event: {} });
    await v2
      .table('runs')
      .put({ id: 'r', workflowId: doc.id, startedAt: 1, kind: 'forward', status: 'done' });
    v2.close();

    const db = openBackflowDb(name);
    await db.open();
    // Versions 4 (a run's data part, written once) and 5 (run digests) come on top of version 3.
    expect(db.verno).toBe(5);
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'calls',
      'checkpoints',
      'datasets',
      'quarantine',
      'runData',
      'runEvents',
      'runs',
      'settings',
      'workflows',
    ]);
    expect((await listProjects(db)).map((r) => r.name)).toEqual(['Old project']);
    expect(await db.runs.count()).toBe(1);
    db.close();
  });
});
