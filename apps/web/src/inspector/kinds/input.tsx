import type { InputNode } from '@backflow/engine';
import { CommaListInput, Field } from '../fields';
import type { KindFieldsProps } from './types';

/** An input node's inspector fields: the example fields it exposes. */
export function InputFields({ node, edit }: KindFieldsProps<InputNode>) {
  return (
    <Field label="Fields" hint="Example fields this node exposes, comma-separated.">
      <CommaListInput label="Fields" items={node.fields} onCommit={(fields) => edit({ fields })} />
    </Field>
  );
}
