/**
 * The node inspector: everything a node's document holds, editable, plus its latest run. A focus
 * session on any field is one undo step (begin on focus, commit on blur). The fields of each kind
 * are that kind's view in `kinds/` (looked up by kind, never switched on).
 */
import type { WorkflowNode } from '@backflow/engine';
import { updateNode } from '../store/doc-ops';
import { useStudio, useStudioStore } from '../store/react';
import { availableVariables, problemsOf, selectSoleNodeId } from '../store/selectors';
import type { StudioState } from '../store/studio-state';
import { TextField } from './fields';
import { inspectorFieldsOf } from './kinds/index';
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
  const KindFields = inspectorFieldsOf(node);

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
      <TextField
        label="Label"
        value={node.label ?? ''}
        onChange={(label) => edit({ label })}
        session={session}
      />
      <KindFields node={node} edit={edit} session={session} variables={vars} />
      <NodeRunView nodeId={node.id} />
    </div>
  );
}
