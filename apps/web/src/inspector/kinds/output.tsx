import type { OutputNode } from '@backflow/engine';
import { TextField } from '../fields';
import { LossEditor } from '../LossEditor';
import type { KindFieldsProps } from './types';

/** An output node's inspector fields: what it is scored against, and the workflow's loss. */
export function OutputFields({ node, edit, session }: KindFieldsProps<OutputNode>) {
  return (
    <>
      <TextField
        label="Scored against"
        name="Target key"
        hint="`target`, or a key of the example's targets."
        value={node.targetKey}
        onChange={(targetKey) => edit({ targetKey: targetKey || 'target' })}
        session={session}
      />
      <LossEditor node={node} />
    </>
  );
}
