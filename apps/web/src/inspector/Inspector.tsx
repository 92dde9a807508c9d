/**
 * The node inspector: everything a node's document holds, editable, plus its latest run. A focus
 * session on any field is one undo step (begin on focus, commit on blur).
 */
import type { WorkflowNode } from '@backflow/engine';
import { updateNode } from '../store/doc-ops';
import { useStudio, useStudioStore } from '../store/react';
import { availableVariables, problemsOf, selectSoleNodeId } from '../store/selectors';
import type { StudioState } from '../store/studio-state';
import { CodeEditor } from './CodeEditor';
import { CodeTestRun } from './CodeTestRun';
import { CommaListInput, Field, INPUT } from './fields';
import { LossEditor } from './LossEditor';
import { NodeRunView } from './NodeRunView';

const selectSoleNode = (s: StudioState) => {
  const id = selectSoleNodeId(s);
  return id ? s.doc.nodes.find((n) => n.id === id) : undefined;
};

/** The inspector panel (lazy-loaded: it pulls in CodeMirror). */
export default function Inspector() {
  const node = useStudio(selectSoleNode);
  const count = useStudio((s) => s.selectedNodeIds.length);
  if (!node) {
    return (
      <p className="p-3 text-slate-500">
        {count > 1 ? `${count} nodes selected.` : 'Select a node to inspect it.'} Press <kbd>?</kbd> for
        shortcuts.
      </p>
    );
  }
  return <NodeForm key={node.id} node={node} />;
}

function NodeForm({ node }: { node: WorkflowNode }) {
  const store = useStudioStore();
  const variables = useStudio((s) => availableVariables(s.doc, node.id).join(','));
  const problems = useStudio((s) => problemsOf(s.doc).byNode.get(node.id));
  const edit = (patch: Partial<WorkflowNode>) =>
    store.getState().changeDoc((d) => updateNode(d, node.id, patch));
  const session = {
    onFocus: () => store.getState().beginGesture(),
    onBlur: () => store.getState().endGesture(),
  };
  const vars = variables ? variables.split(',') : [];

  return (
    <div className="flex flex-col gap-3 p-3" data-testid="inspector">
      <div className="flex items-center gap-2">
        <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[10px] font-semibold uppercase dark:bg-slate-800">
          {node.kind}
        </span>
        <span className="font-mono text-xs text-slate-500">{node.id}</span>
      </div>
      {problems && problems.length > 0 && (
        <ul className="rounded border border-amber-200 bg-amber-50 px-2 py-1 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200">
          {problems.map((p) => (
            <li key={`${p.code}-${p.message}`}>{p.message}</li>
          ))}
        </ul>
      )}
      <Field label="Label">
        <input
          aria-label="Label"
          className={INPUT}
          value={node.label ?? ''}
          onChange={(e) => edit({ label: e.target.value })}
          {...session}
        />
      </Field>
      {(node.kind === 'llm' || node.kind === 'code') && (
        <Field label="Role" hint="What this node is for, in a sentence; backward passes read it.">
          <input
            aria-label="Role"
            className={INPUT}
            value={node.role}
            onChange={(e) => edit({ role: e.target.value })}
            {...session}
          />
        </Field>
      )}
      {node.kind === 'input' && (
        <Field label="Fields" hint="Example fields this node exposes, comma-separated.">
          <CommaListInput label="Fields" items={node.fields} onCommit={(fields) => edit({ fields })} />
        </Field>
      )}
      {node.kind === 'output' && (
        <Field label="Scored against" hint="`target`, or a key of the example's targets.">
          <input
            aria-label="Target key"
            className={INPUT}
            value={node.targetKey}
            onChange={(e) => edit({ targetKey: e.target.value || 'target' })}
            {...session}
          />
        </Field>
      )}
      {node.kind === 'output' && <LossEditor node={node} />}
      {node.kind === 'llm' && (
        <>
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
              variables={vars}
              value={node.userTemplate}
              onChange={(userTemplate) => edit({ userTemplate })}
              {...session}
            />
          </Field>
          <div className="grid grid-cols-2 gap-2">
            <Field label="Model override">
              <input
                aria-label="Model override"
                className={INPUT}
                placeholder="default"
                value={node.model ?? ''}
                onChange={(e) => edit({ model: e.target.value.trim() || undefined })}
                {...session}
              />
            </Field>
            <Field label="Temperature">
              <input
                aria-label="Temperature"
                type="number"
                min={0}
                max={2}
                step={0.1}
                className={INPUT}
                placeholder="default"
                value={node.temperature ?? ''}
                onChange={(e) =>
                  edit({
                    temperature:
                      e.target.value === '' ? undefined : Math.min(2, Math.max(0, Number(e.target.value))),
                  })
                }
                {...session}
              />
            </Field>
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
      )}
      {node.kind === 'code' && (
        <>
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
      )}
      <NodeRunView nodeId={node.id} />
    </div>
  );
}
