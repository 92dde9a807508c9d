/**
 * Turns a fixture spec into a workflow document, a dataset and candidate broken variants.
 * Pure (no file access) so the generator script stays a thin shell around it.
 */
import { type Example, type Rng, randomInt, type Workflow, workflowSchema } from '../src/engine';
import { runWorkflow } from '../src/test-support/run-workflow';
import { parseSkills, phraseSteps } from '../src/world/parse';
import { editSegments, joinSegments, type StepEdit, segmentPrompt } from '../src/world/segments';
import { createSimulatedModel } from '../src/world/sim-model';
import { skillById } from '../src/world/skills/catalogue';
import type { SkillStep } from '../src/world/skills/types';
import type { FixtureSpec, NodeSpec } from './fixture-specs';

const COLUMN = 280;
const ROW = 160;

/** A prompt for the steps, one sentence each, in phrasings drawn from each skill's accepted list. */
export function promptFor(steps: readonly SkillStep[], rng: Rng): string {
  const sentences = steps.map((step) => {
    const options = skillById(step.skill).phrasings(step.params);
    return `${options[randomInt(rng, options.length)]}.`;
  });
  const prompt = sentences.join(' ');
  const parsed = parseSkills(prompt);
  const same =
    parsed.length === steps.length &&
    parsed.every(
      (p, i) => p.skill === steps[i]?.skill && JSON.stringify(p.params) === JSON.stringify(steps[i]?.params),
    );
  if (!same) throw new Error(`the simulator does not read back its own phrasing: ${prompt}`);
  return prompt;
}

/** Depth of each node from the input (longest path), for a left-to-right layout. */
function depths(spec: FixtureSpec): Map<string, number> {
  const depth = new Map<string, number>();
  for (const node of spec.nodes) {
    const from = node.inputs.map((i) => (i.from.startsWith('field:') ? 0 : (depth.get(i.from) ?? 0)));
    depth.set(node.id, Math.max(0, ...from) + 1);
  }
  return depth;
}

/** The correct workflow document for a spec (validated against the engine's schema). */
export function buildWorkflow(spec: FixtureSpec, rng: Rng): Workflow {
  const depth = depths(spec);
  const rows = new Map<number, number>();
  const place = (d: number) => {
    const row = rows.get(d) ?? 0;
    rows.set(d, row + 1);
    return { x: d * COLUMN, y: row * ROW };
  };
  const maxDepth = Math.max(...depth.values());
  const llm = (n: NodeSpec) => ({
    id: n.id,
    label: n.label,
    kind: 'llm' as const,
    position: place(depth.get(n.id) ?? 1),
    role: `${n.purpose}: ${phraseSteps(n.steps)}`,
    systemPrompt: promptFor(n.steps, rng),
    userTemplate: n.userTemplate,
    trainable: true,
  });
  const doc = {
    format: 'backflow.workflow',
    version: 1,
    id: spec.name,
    name: spec.title,
    description: `${spec.description} (Simulator fixture: solvable in the simulated skill world.)`,
    nodes: [
      { id: 'input', label: 'Example', kind: 'input', position: place(0), fields: spec.fields },
      ...spec.nodes.map(llm),
      ...spec.outputs.map((o) => ({
        id: o.id,
        label: o.targetKey === 'target' ? 'Answer' : `Answer (${o.targetKey})`,
        kind: 'output',
        position: place(maxDepth + 1),
        targetKey: o.targetKey,
      })),
    ],
    edges: [
      ...spec.nodes.flatMap((n) =>
        n.inputs.map((i) =>
          i.from.startsWith('field:')
            ? {
                id: `e-input-${n.id}-${i.name}`,
                source: 'input',
                sourceField: i.from.slice(6),
                target: n.id,
                targetInput: i.name,
              }
            : { id: `e-${i.from}-${n.id}`, source: i.from, target: n.id, targetInput: i.name },
        ),
      ),
      ...spec.outputs.map((o) => ({
        id: `e-${o.from}-${o.id}`,
        source: o.from,
        target: o.id,
        targetInput: 'answer',
      })),
    ],
    loss: {
      kind: 'exact',
      caseSensitive: true,
      trim: true,
      collapseWhitespace: true,
      stripPunctuation: false,
    },
    defaults: {},
  };
  return workflowSchema.parse(doc);
}

/** Examples with targets computed by running the correct workflow in the simulator. */
export async function buildExamples(
  spec: FixtureSpec,
  workflow: Workflow,
  rng: Rng,
  split: 'train' | 'val',
  count: number,
): Promise<Example[]> {
  const model = createSimulatedModel({ seed: 0 });
  const out: Example[] = [];
  for (let i = 1; i <= count; i++) {
    const example: Example = {
      id: `${spec.name}-${split}-${String(i).padStart(2, '0')}`,
      inputs: spec.makeInputs(rng),
      target: '',
    };
    const run = await runWorkflow(workflow, example, model);
    const targets = Object.fromEntries(spec.outputs.map((o) => [o.targetKey, run.outputs[o.id] ?? '']));
    example.target = targets.target ?? Object.values(targets)[0] ?? '';
    if (spec.outputs.length > 1 || !('target' in targets)) example.targets = targets;
    out.push(example);
  }
  return out;
}

/** What a break does, for breaks.json. */
export interface BreakCandidate {
  nodeId: string;
  edit: StepEdit;
  description: string;
  prompt: string;
}

/** Plausible confusions: the skill a sloppy prompt writer might have written instead (or a parameter off by one). */
export function confusions(step: SkillStep): SkillStep[] {
  const map: Record<string, SkillStep[]> = {
    sum: [
      { skill: 'product', params: {} },
      { skill: 'average', params: {} },
    ],
    product: [{ skill: 'sum', params: {} }],
    max: [{ skill: 'min', params: {} }],
    min: [{ skill: 'max', params: {} }],
    subtract: [{ skill: 'sum', params: {} }],
    upper_case: [{ skill: 'lower_case', params: {} }],
    lower_case: [{ skill: 'upper_case', params: {} }],
    sort_words: [{ skill: 'reverse_words', params: {} }],
    reverse_words: [{ skill: 'sort_words', params: {} }],
    count_words: [{ skill: 'extract_numbers', params: {} }],
    capitalize_first: [{ skill: 'upper_case', params: {} }],
    celsius_to_fahrenheit: [{ skill: 'scale', params: { n: 2 } }],
    scale: [{ skill: 'offset', params: { n: 2 } }],
    offset: [{ skill: 'scale', params: { n: 10 } }],
    first_sentence: [{ skill: 'remove_punctuation', params: {} }],
    classify_sentiment: [{ skill: 'count_words', params: {} }],
  };
  if (step.skill === 'round') return [{ skill: 'round', params: { n: (step.params.n ?? 0) + 1 } }];
  if (step.skill === 'first_words')
    return [{ skill: 'first_words', params: { n: (step.params.n ?? 1) + 1 } }];
  if (step.skill === 'join')
    return [{ skill: 'join', params: { text: step.params.text === ', ' ? ' / ' : ', ' } }];
  return map[step.skill] ?? [];
}

/** Every way to break one node's prompt: drop a step, swap two neighbours, or confuse a step. */
export function breakCandidates(workflow: Workflow): BreakCandidate[] {
  const out: BreakCandidate[] = [];
  for (const node of workflow.nodes) {
    if (node.kind !== 'llm') continue;
    const segments = segmentPrompt(node.systemPrompt);
    const steps = segments.flatMap((s) => s.steps);
    const edits: { edit: StepEdit; description: string }[] = [];
    steps.forEach((step, at) => {
      edits.push({ edit: { kind: 'remove', at }, description: `drops "${step.skill}"` });
      if (at + 1 < steps.length)
        edits.push({ edit: { kind: 'swap', at }, description: `swaps steps ${at + 1} and ${at + 2}` });
      for (const other of confusions(step)) {
        edits.push({
          edit: { kind: 'replace', at, step: other },
          description: `uses "${other.skill}" instead of "${step.skill}"`,
        });
      }
    });
    for (const { edit, description } of edits) {
      const prompt = joinSegments(editSegments(segments, edit));
      out.push({ nodeId: node.id, edit, description: `node ${node.id} ${description}`, prompt });
    }
  }
  return out;
}
