import type { CodeNode } from '@backflow/engine';
import { CodeEditor } from '../CodeEditor';
import { CodeTestRun } from '../CodeTestRun';
import { Field } from '../fields';
import { RoleField } from './role-field';
import type { KindFieldsProps } from './types';

/** A code node's inspector fields: its role, its function body and a test run on an example. */
export function CodeFields(props: KindFieldsProps<CodeNode>) {
  const { node, edit, session } = props;
  return (
    <>
      <RoleField {...props} />
      <Field label="Code" hint="Body of function (inputs) { … }; return a string.">
        <CodeEditor
          label="Code"
          testId="code-editor"
          mode="javascript"
          value={node.code}
          onChange={(code) => edit({ code })}
          {...session}
        />
      </Field>
      <CodeTestRun node={node} />
    </>
  );
}
