import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { workflowNodeSchema, workflowSchema } from '../graph/schema';
import { validateWorkflow } from '../graph/validate';
import { NODE_KINDS, nodeKind, nodeKindRegistry } from './registry';

const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));

describe('the node-kind registry', () => {
  it('gives every kind a schema, ports, starting content and a description', () => {
    expect(NODE_KINDS.length).toBeGreaterThan(0);
    expect(NODE_KINDS).toEqual(Object.keys(nodeKindRegistry));
    for (const kind of NODE_KINDS) {
      const def = nodeKind(kind);
      expect(def.kind).toBe(kind);
      expect(def.label).toMatch(/node$/);
      expect(def.schema.shape.kind).toBeDefined();
      expect(typeof def.takesInputs).toBe('boolean');
      expect(typeof def.feedsOthers).toBe('boolean');
      const created = def.create('n1', { x: 1, y: 2 });
      // The starting content is a node of the kind, as its own schema and the union read it.
      expect(def.schema.parse(created)).toEqual(created);
      expect(workflowNodeSchema.parse(created)).toEqual(created);
      expect(def.taskNode(created as never).kind).toBe(kind);
    }
  });

  it('builds the document union from the registered schemas only', () => {
    const tags = workflowNodeSchema.options.map((o) => (o.shape.kind as unknown as { value: string }).value);
    expect(tags).toEqual(NODE_KINDS);
    expect(workflowNodeSchema.safeParse({ id: 'x', kind: 'note', position: { x: 0, y: 0 } }).success).toBe(
      false,
    );
  });

  it('a graph of one node per kind, wired by the ports, validates without errors', () => {
    // Entries feed every step; every step feeds the next; the last feeds each answer.
    const nodes = NODE_KINDS.map((kind, i) => nodeKind(kind).create(`n${i}`, { x: i, y: 0 }));
    const edges = [];
    for (let i = 1; i < nodes.length; i++) {
      const target = nodes[i]!;
      const source = nodes[i - 1]!;
      if (!nodeKind(target.kind).takesInputs || !nodeKind(source.kind).feedsOthers) continue;
      const fields = nodeKind(source.kind).exampleFields?.(source as never);
      const name = nodeKind(target.kind).soleInput ?? fields?.[0] ?? source.id;
      const fed = nodeKind(target.kind).withInput?.(target as never, name);
      if (fed) nodes[i] = fed;
      edges.push({ id: `e${i}`, source: source.id, target: target.id, targetInput: name });
    }
    const workflow = workflowSchema.parse({
      format: 'backflow.workflow',
      version: 1,
      id: 'w',
      name: 'every kind',
      nodes,
      edges,
    });
    expect(validateWorkflow(workflow).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('is the one place that lists the kinds: no other shipped file names them all', () => {
    const roots = ['packages/engine/src', 'packages/sim/src', 'apps/web/src', 'apps/cli/src'];
    // The registries of views, registered by kind, are the studio's half of "one file per kind".
    const allowed = new Set([
      'apps/web/src/canvas/nodes/kind-views.tsx',
      'apps/web/src/inspector/kinds/index.ts',
    ]);
    const listing: string[] = [];
    for (const file of roots.flatMap((r) => sourceFiles(join(repoRoot, r)))) {
      const path = relative(repoRoot, file);
      if (path.startsWith('packages/engine/src/nodes/') || allowed.has(path)) continue;
      const text = readFileSync(file, 'utf8');
      const named = NODE_KINDS.filter((k) => text.includes(`'${k}'`) || text.includes(`"${k}"`));
      const schemaPiece = NODE_KINDS.some((k) => text.includes(`z.literal('${k}')`));
      const switchArm = NODE_KINDS.some((k) => new RegExp(`case '${k}':`).test(text));
      if (named.length === NODE_KINDS.length || schemaPiece || switchArm) listing.push(path);
    }
    expect(listing).toEqual([]);
  });
});

/** Shipped source files under `dir`: tests, test helpers and fixtures left out. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return /^(test-support|fixtures|node_modules)$/.test(entry.name) ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}
