import type { LlmNode } from '@backflow/engine';
import { CodeEditor } from '../CodeEditor';
import { Field, NumberField, TextField } from '../fields';
import { RoleField } from './role-field';
import type { KindFieldsProps } from './types';

/** An llm node's inspector fields: role, system prompt, user template, model and its switches. */
export function LlmFields(props: KindFieldsProps<LlmNode>) {
  const { node, edit, session, variables } = props;
  return (
    <>
      <RoleField {...props} />
      <Field label="System prompt" hint="The tunable parameter: the optimizer rewrites this.">
        <CodeEditor
          label="System prompt"
          testId="system-prompt-editor"
          mode="text"
          value={node.systemPrompt}
          onChange={(systemPrompt) => edit({ systemPrompt })}
          {...session}
        />
      </Field>
      <Field label="User template" hint="Type {{ to insert a variable from an upstream node.">
        <CodeEditor
          label="User template"
          testId="user-template-editor"
          mode="template"
          variables={variables}
          value={node.userTemplate}
          onChange={(userTemplate) => edit({ userTemplate })}
          {...session}
        />
      </Field>
      <div className="grid grid-cols-2 gap-2">
        <TextField
          label="Model override"
          placeholder="default"
          value={node.model ?? ''}
          onChange={(model) => edit({ model: model.trim() || undefined })}
          session={session}
        />
        <NumberField
          label="Temperature"
          min={0}
          max={2}
          step={0.1}
          placeholder="default"
          value={node.temperature}
          onChange={(t) => edit({ temperature: t === undefined ? undefined : Math.min(2, Math.max(0, t)) })}
          session={session}
        />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={node.trainable}
          onChange={(e) => edit({ trainable: e.target.checked })}
        />
        Trainable (the optimizer may rewrite the system prompt)
      </label>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          className="mt-1"
          checked={node.keepReasoning ?? false}
          onChange={(e) => edit({ keepReasoning: e.target.checked ? true : undefined })}
        />
        <span>
          Keep reasoning in the output
          <span className="block text-[11px] text-slate-500">
            Off: a reasoning model's &lt;think&gt; blocks and reasoning_content are left out of what flows
            downstream and is scored (the call log still shows them).
          </span>
        </span>
      </label>
    </>
  );
}
