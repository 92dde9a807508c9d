import type { OutputNode } from '@backflow/engine';
import { Field, INPUT } from '../fields';
import { LossEditor } from '../LossEditor';
import type { KindFieldsProps } from './types';

/** An output node's inspector fields: what it is scored against, and the workflow's loss. */
export function OutputFields({ node, edit, session }: KindFieldsProps<OutputNode>) {
  return (
    <>
      <Field label="Scored against" hint="`target`, or a key of the example's targets.">
        <input
          aria-label="Target key"
          className={INPUT}
          value={node.targetKey}
          onChange={(e) => edit({ targetKey: e.target.value || 'target' })}
          {...session}
        />
      </Field>
      <LossEditor node={node} />
    </>
  );
}
