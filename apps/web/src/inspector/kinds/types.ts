import type { WorkflowNode } from '@backflow/engine';

/** What a kind's inspector fields get from the shared form (`Inspector.tsx`). */
export interface KindFieldsProps<N extends WorkflowNode> {
  node: N;
  /** Applies a change to this node (one undo step per focus session). */
  edit(patch: Partial<N>): void;
  /** Spread on a text field: begins the undo step on focus, commits it on blur. */
  session: { onFocus(): void; onBlur(): void };
  /** Names the node's template may use (its bound inputs and upstream example fields). */
  variables: string[];
}
