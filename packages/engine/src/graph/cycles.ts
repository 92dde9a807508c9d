import type { GraphIndex } from './graph-index';

/** What the search reads of a {@link GraphIndex} (the index calls it before it is complete). */
type Graph = Pick<GraphIndex, 'nodes' | 'positionOf' | 'successors' | 'order'>;

/**
 * One cycle per strongly connected component that has one, so validation names EVERY independent
 * cycle at once instead of revealing them one fix at a time. Each cycle is the shortest one
 * through its component's earliest node (in document order), listed in edge direction from that
 * node. O(V+E): Tarjan's algorithm (iterative, no recursion limit) plus one BFS per component.
 */
export function findCycles(index: Graph): string[][] {
  if (index.order !== null) return [];
  return stronglyConnectedComponents(index)
    .filter((c) => c.length > 1 || index.successors.get(c[0]!)!.includes(c[0]!))
    .map((component) => shortestCycleThrough(index, component))
    .sort((a, b) => index.positionOf.get(a[0]!)! - index.positionOf.get(b[0]!)!);
}

function stronglyConnectedComponents(index: Graph): string[][] {
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of index.nodes) {
    if (order.has(root.id)) continue;
    const work: { id: string; next: number }[] = [{ id: root.id, next: 0 }];
    order.set(root.id, counter);
    low.set(root.id, counter++);
    stack.push(root.id);
    onStack.add(root.id);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const succ = index.successors.get(frame.id)!;
      if (frame.next < succ.length) {
        const child = succ[frame.next++]!;
        if (!order.has(child)) {
          order.set(child, counter);
          low.set(child, counter++);
          stack.push(child);
          onStack.add(child);
          work.push({ id: child, next: 0 });
        } else if (onStack.has(child)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, order.get(child)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === order.get(frame.id)) {
        const component: string[] = [];
        let id: string;
        do {
          id = stack.pop()!;
          onStack.delete(id);
          component.push(id);
        } while (id !== frame.id);
        components.push(component);
      }
    }
  }
  return components;
}

function shortestCycleThrough(index: Graph, component: readonly string[]): string[] {
  const members = new Set(component);
  let start = component[0]!;
  for (const id of component) if (index.positionOf.get(id)! < index.positionOf.get(start)!) start = id;
  const parent = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const at = queue[head]!;
    for (const next of index.successors.get(at)!) {
      if (!members.has(next)) continue;
      if (next === start) {
        const cycle = [at];
        for (let back = parent.get(at); back !== undefined; back = parent.get(back)) cycle.push(back);
        // The walk back ends at `start`; parent of start is unset, so `cycle` ends with start.
        return cycle.reverse();
      }
      if (parent.has(next)) continue;
      parent.set(next, at);
      queue.push(next);
    }
  }
  return [start];
}
