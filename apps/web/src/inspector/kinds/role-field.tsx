import type { CodeNode, LlmNode } from '@backflow/engine';
import { TextField } from '../fields';
import type { KindFieldsProps } from './types';

/** The role sentence of a step (llm and code nodes), which backward passes read. */
export function RoleField({ node, edit, session }: KindFieldsProps<LlmNode | CodeNode>) {
  return (
    <TextField
      label="Role"
      hint="What this node is for, in a sentence; backward passes read it."
      value={node.role}
      onChange={(role) => edit({ role })}
      session={session}
    />
  );
}
