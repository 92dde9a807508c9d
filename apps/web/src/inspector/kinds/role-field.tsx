import type { CodeNode, LlmNode } from '@backflow/engine';
import { Field, INPUT } from '../fields';
import type { KindFieldsProps } from './types';

/** The role sentence of a step (llm and code nodes), which backward passes read. */
export function RoleField({ node, edit, session }: KindFieldsProps<LlmNode | CodeNode>) {
  return (
    <Field label="Role" hint="What this node is for, in a sentence; backward passes read it.">
      <input
        aria-label="Role"
        className={INPUT}
        value={node.role}
        onChange={(e) => edit({ role: e.target.value })}
        {...session}
      />
    </Field>
  );
}
