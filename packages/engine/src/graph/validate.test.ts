import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkWorkflow } from './check';
import type { Problem } from './problems';
import { PROBLEM_CODES } from './problems';
import { validateWorkflow } from './validate';

const chainText = readFileSync(
  fileURLToPath(new URL('./fixtures/valid/chain.json', import.meta.url)),
  'utf8',
);
type Doc = {
  nodes: Record<string, unknown>[];
  edges: Record<string, unknown>[];
  [key: string]: unknown;
};
const chain = () => JSON.parse(chainText) as Doc;
const summary = (problems: Problem[]) =>
  problems.map((p) => [p.severity, p.code, p.nodeId ?? p.edgeId ?? p.field ?? ''].join(' '));

describe('validateWorkflow warnings', () => {
  it('warns about an input no template uses, an empty trainable prompt and an empty template', () => {
    const doc = chain();
    doc.nodes[2]!.userTemplate = '   ';
    doc.nodes[1]!.systemPrompt = '';
    expect(summary(checkWorkflow(doc).problems)).toEqual([
      'warning empty_trainable_prompt solve',
      'warning unused_input e2',
      'warning empty_user_template extract',
    ]);
  });

  it('does not warn about an empty prompt on a frozen node', () => {
    const doc = chain();
    doc.nodes[1]!.systemPrompt = '';
    doc.nodes[1]!.trainable = false;
    expect(checkWorkflow(doc).problems).toEqual([]);
  });

  it('warns about malformed placeholders', () => {
    const doc = chain();
    doc.nodes[1]!.userTemplate = 'Question: {{question}} and {{ the context }}';
    const result = checkWorkflow(doc);
    expect(result.ok).toBe(true);
    expect(summary(result.problems)).toEqual(['warning malformed_template solve']);
  });

  it('warns about nodes that cannot contribute, saying which way they are cut off', () => {
    const doc = chain();
    doc.nodes.push(
      {
        id: 'dead_end',
        kind: 'llm',
        systemPrompt: 'x',
        userTemplate: '{{question}}',
        position: { x: 0, y: 0 },
      },
      { id: 'orphan', kind: 'llm', systemPrompt: 'x', userTemplate: 'hi', position: { x: 0, y: 0 } },
    );
    doc.edges.push({ id: 'e9', source: 'question', target: 'dead_end', targetInput: 'question' });
    doc.edges.push({ id: 'e10', source: 'orphan', target: 'extract', targetInput: 'hint' });
    doc.nodes[2]!.userTemplate += ' {{hint}}';
    const problems = checkWorkflow(doc).problems;
    expect(summary(problems)).toEqual([
      'warning unreachable_node dead_end',
      'warning unreachable_node orphan',
    ]);
    expect(problems[0]!.message).toContain('never used');
    expect(problems[1]!.message).toContain('never sees the example');
  });

  it('warns about sourceField on a non-input source, duplicate fields and shared target keys', () => {
    const doc = chain();
    doc.edges[1]!.sourceField = 'text';
    doc.nodes[0]!.fields = ['question', 'question'];
    doc.nodes.push({ id: 'answer2', kind: 'output', position: { x: 0, y: 0 } });
    doc.edges.push({ id: 'e4', source: 'solve', target: 'answer2', targetInput: 'value' });
    expect(summary(checkWorkflow(doc).problems)).toEqual([
      'warning source_field_ignored e2',
      'warning duplicate_input_field question',
      'warning duplicate_target_key answer2',
    ]);
  });
});

describe('validateWorkflow reports everything at once', () => {
  it('lists several independent errors and every cycle, errors before warnings', () => {
    const doc = chain();
    doc.nodes.push(
      { id: 'p', kind: 'llm', systemPrompt: 'x', userTemplate: '{{q}}', position: { x: 0, y: 0 } },
      { id: 'q', kind: 'llm', systemPrompt: 'x', userTemplate: '{{p}}', position: { x: 0, y: 0 } },
    );
    doc.edges.push(
      { id: 'loop', source: 'extract', target: 'solve', targetInput: 'again' },
      { id: 'pq', source: 'p', target: 'q', targetInput: 'p' },
      { id: 'qp', source: 'q', target: 'p', targetInput: 'q' },
      { id: 'ghost', source: 'nobody', target: 'extract', targetInput: 'x' },
    );
    doc.nodes[2]!.userTemplate += ' {{missing}}';
    const problems = checkWorkflow(doc).problems;
    expect(summary(problems)).toEqual([
      'error dangling_edge ghost',
      'error unbound_template_variable extract',
      'error cycle solve',
      'error cycle p',
      'warning unused_input loop',
    ]);
    expect(problems[2]!.relatedNodeIds).toEqual(['solve', 'extract']);
    expect(problems[3]!.message).toContain('"p" -> "q" -> "p"');
  });

  it('runs graph checks on the parts that passed the schema, without cascades', () => {
    const doc = chain();
    doc.nodes[2]!.temperature = 'hot';
    doc.edges[0]!.sourceField = 'questoin';
    const problems = checkWorkflow(doc).problems;
    expect(summary(problems)).toEqual(['error wrong_type extract', 'error unknown_input_field e1']);
  });

  it('only uses known codes and always says something', () => {
    const doc = chain();
    doc.nodes.pop();
    const problems = validateWorkflow(doc as never);
    for (const p of problems) {
      expect(PROBLEM_CODES).toContain(p.code);
      expect(p.message).toMatch(/\.$/);
    }
  });

  it('validates a 500-node workflow', () => {
    const nodes: Record<string, unknown>[] = [
      { id: 'in', kind: 'input', fields: ['q'], position: { x: 0, y: 0 } },
    ];
    const edges: Record<string, unknown>[] = [];
    let previous = 'in';
    for (let i = 0; i < 498; i++) {
      const id = `n${i}`;
      nodes.push({
        id,
        kind: 'llm',
        systemPrompt: 'x',
        userTemplate: '{{a}} {{q}}',
        position: { x: i, y: 0 },
      });
      edges.push({ id: `a${i}`, source: previous, target: id, targetInput: 'a' });
      edges.push({ id: `q${i}`, source: 'in', target: id, targetInput: 'q' });
      previous = id;
    }
    nodes.push({ id: 'out', kind: 'output', position: { x: 0, y: 0 } });
    edges.push({ id: 'last', source: previous, target: 'out', targetInput: 'value' });
    const result = checkWorkflow({ ...chain(), nodes, edges });
    expect(result.problems).toEqual([]);
  });
});
