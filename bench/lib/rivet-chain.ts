/**
 * The benchmark's 3-stage chain as a Rivet project, built in memory from Rivet's own node
 * factories (graph input -> chat x3 -> graph output, each chat with a text node as system prompt),
 * so Rivet renders and sends its requests exactly as its editor's graphs would.
 */
import * as rivet from '@ironclad/rivet-node';

type Node = { id: string; type: string; title: string; data: Record<string, unknown> };
type Connection = { outputNodeId: string; outputId: string; inputNodeId: string; inputId: string };

/** A Rivet project whose graph "chain" runs the system prompts in order on the input "text". */
export function rivetChainProject(systemPrompts: readonly string[], model: string): rivet.Project {
  const registry = rivet.globalRivetNodeRegistry;
  const create = (type: string, data: Record<string, unknown>): Node => {
    const node = registry.createDynamic(type) as unknown as Node;
    Object.assign(node.data, data);
    return node;
  };
  const input = create('graphInput', { id: 'text', dataType: 'string' });
  const output = create('graphOutput', { id: 'answer', dataType: 'string' });
  const nodes: Node[] = [input, output];
  const connections: Connection[] = [];
  let previous = { id: input.id, port: 'data' };
  for (const prompt of systemPrompts) {
    const system = create('text', { text: prompt });
    // Deterministic, non-streamed-length-limited settings, like Backflow's temperature 0 calls.
    const chat = create('chat', { model, temperature: 0, useAsGraphPartialOutput: false, cache: false });
    nodes.push(system, chat);
    connections.push(
      { outputNodeId: system.id, outputId: 'output', inputNodeId: chat.id, inputId: 'systemPrompt' },
      { outputNodeId: previous.id, outputId: previous.port, inputNodeId: chat.id, inputId: 'prompt' },
    );
    previous = { id: chat.id, port: 'response' };
  }
  connections.push({
    outputNodeId: previous.id,
    outputId: previous.port,
    inputNodeId: output.id,
    inputId: 'value',
  });
  const graphId = 'chain';
  return {
    metadata: { id: 'backflow-bench', title: 'Backflow bench chain', description: '' },
    graphs: { [graphId]: { metadata: { id: graphId, name: 'chain', description: '' }, nodes, connections } },
    plugins: [],
  } as unknown as rivet.Project;
}

/** Runs the chain on one input against an OpenAI-compatible endpoint; returns the answer text. */
export async function runRivetChain(project: rivet.Project, text: string, baseURL: string): Promise<string> {
  const outputs = await rivet.runGraph(project, {
    graph: 'chain',
    inputs: { text },
    openAiKey: 'bench',
    openAiEndpoint: `${baseURL}/chat/completions`,
  } as rivet.RunGraphOptions);
  const answer = outputs.answer;
  return answer?.type === 'string' ? answer.value : JSON.stringify(answer?.value ?? null);
}
