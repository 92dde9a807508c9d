import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createEmptyWorkflow, parseWorkflow } from './document';
import { WORKFLOW_FORMAT } from './schema';
import { serializeCanonical } from './serialize';

const chainText = readFileSync(
  fileURLToPath(new URL('./fixtures/valid/chain.json', import.meta.url)),
  'utf8',
);
const chain = () => JSON.parse(chainText) as Record<string, unknown>;

describe('parseWorkflow', () => {
  it('accepts JSON text and an already-parsed value alike', () => {
    const fromText = parseWorkflow(chainText);
    const fromValue = parseWorkflow(chain());
    expect(fromText.ok && fromValue.ok).toBe(true);
    if (fromText.ok && fromValue.ok) expect(fromText.workflow).toEqual(fromValue.workflow);
  });

  it('fills defaults (role, trainable, targetKey, loss, defaults, description)', () => {
    const result = parseWorkflow({
      format: WORKFLOW_FORMAT,
      version: 1,
      id: 'w',
      name: 'W',
      nodes: [{ id: 'o', kind: 'output', position: { x: 0, y: 0 } }],
      edges: [],
    });
    if (!result.ok) throw new Error('expected ok');
    expect(result.workflow.description).toBe('');
    expect(result.workflow.loss.kind).toBe('exact');
    expect(result.workflow.defaults).toEqual({});
    expect(result.workflow.nodes[0]).toMatchObject({ kind: 'output', targetKey: 'target' });
  });

  it('reports every schema problem at once', () => {
    const doc = chain();
    const nodes = doc.nodes as Record<string, unknown>[];
    nodes[1]!.temprature = 1;
    nodes[2]!.systemPrompt = 42;
    doc.extra = true;
    const result = parseWorkflow(doc);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.code).sort()).toEqual([
      'unknown_field',
      'unknown_field',
      'wrong_type',
    ]);
  });

  it('names nested unknown fields by their path, with a hint when one is close', () => {
    const doc = chain();
    ((doc.nodes as Record<string, unknown>[])[1]!.position as Record<string, unknown>).z = 1;
    (doc.defaults as Record<string, unknown>).modle = 'x';
    const result = parseWorkflow(doc);
    expect(result.problems.map((p) => [p.code, p.nodeId, p.field, p.message])).toEqual([
      ['unknown_field', 'solve', 'position.z', 'Node "solve" has an unknown field "position.z".'],
      [
        'unknown_field',
        undefined,
        'defaults.modle',
        'The workflow has an unknown field "defaults.modle" (did you mean "model"?).',
      ],
    ]);
  });

  it('names a node without an id by its position', () => {
    const doc = chain();
    (doc.nodes as unknown[]).push({ kind: 'llm', position: { x: 0, y: 0 } });
    const result = parseWorkflow(doc);
    const missingId = result.problems.find((p) => p.code === 'missing_field' && p.path === 'nodes[4].id');
    expect(missingId?.nodeId).toBeUndefined();
    expect(missingId?.message).toContain('Node #5 (nodes[4])');
  });

  it('refuses __proto__ / constructor / prototype keys anywhere, before touching the value', () => {
    const text = chainText.replace('"description"', '"nested": {"a": [{"prototype": 1}]}, "description"');
    const result = parseWorkflow(text);
    expect(result.problems).toMatchObject([{ code: 'forbidden_key', field: 'nested.a[0].prototype' }]);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('says where JSON syntax breaks', () => {
    const result = parseWorkflow('{\n  "format": "backflow.workflow",,\n}');
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.code).toBe('invalid_json');
    expect(result.problems[0]!.message).toMatch(/^The file is not valid JSON \(line 2, column 33\): /);
  });

  it('rejects other formats and future versions with clear codes', () => {
    expect(parseWorkflow({ ...chain(), format: 'n8n' }).problems[0]!.code).toBe('wrong_format');
    expect(parseWorkflow('"just text"').problems[0]!.code).toBe('wrong_format');
    const future = parseWorkflow({ ...chain(), version: 2 });
    expect(future.problems[0]).toMatchObject({ code: 'unsupported_version', field: 'version' });
    expect(future.problems[0]!.message).toContain('newer Backflow');
    expect(parseWorkflow({ ...chain(), version: 0 }).problems[0]!.code).toBe('unsupported_version');
  });

  it('runs migrations from older versions in order', () => {
    const old: Record<string, unknown> = { ...chain(), version: 0, title: 'Old name' };
    delete old.name;
    const migrations = {
      0: ({ title, ...rest }: Record<string, unknown>) => ({ ...rest, name: title, version: 1 }),
    };
    const result = parseWorkflow(old, { migrations });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.workflow.name).toBe('Old name');
    expect(result.workflow.version).toBe(1);
  });

  it('reports a migration that throws or forgets to bump the version', () => {
    const old = { ...chain(), version: 0 };
    const throwing = parseWorkflow(old, {
      migrations: {
        0: () => {
          throw new Error('boom');
        },
      },
    });
    expect(throwing.problems[0]).toMatchObject({ code: 'migration_failed' });
    expect(throwing.problems[0]!.message).toContain('boom');
    const lazy = parseWorkflow(old, { migrations: { 0: (doc) => doc } });
    expect(lazy.problems[0]!.code).toBe('migration_failed');
  });
});

describe('serializeCanonical', () => {
  it('writes keys in a fixed order whatever order they were given in', () => {
    const doc = chain();
    const shuffled = Object.fromEntries(Object.entries(doc).reverse());
    const a = parseWorkflow(doc);
    const b = parseWorkflow(shuffled);
    if (!a.ok || !b.ok) throw new Error('expected ok');
    expect(serializeCanonical(b.workflow)).toBe(serializeCanonical(a.workflow));
    const text = serializeCanonical(a.workflow);
    expect(text.startsWith('{\n  "format": "backflow.workflow",\n  "version": 1,\n  "id": "chain",')).toBe(
      true,
    );
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.indexOf('"kind": "input"')).toBeLessThan(text.indexOf('"fields"'));
  });
});

describe('createEmptyWorkflow', () => {
  it('creates a schema-valid document with an id derived from the name', () => {
    const wf = createEmptyWorkflow('  My first workflow! ');
    expect(wf).toMatchObject({ id: 'My-first-workflow-', name: 'My first workflow!', nodes: [], edges: [] });
    const again = parseWorkflow(serializeCanonical(wf));
    expect(again.ok && again.workflow).toEqual(wf);
    expect(createEmptyWorkflow('!!!').id).toBe('workflow');
    expect(createEmptyWorkflow('x', { id: 'given' }).id).toBe('given');
  });
});
