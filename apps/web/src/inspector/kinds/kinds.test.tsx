import { NODE_KINDS, nodeKind, type WorkflowNode } from '@backflow/engine';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { KIND_VIEWS, nodeTypes } from '../../canvas/nodes/kind-views';
import { createStudioStore } from '../../store/create-store';
import { StudioProvider } from '../../store/react';
import { INSPECTOR_FIELDS, inspectorFieldsOf } from './index';

describe('the studio views per node kind', () => {
  it('registers a canvas view and inspector fields for every registered kind', () => {
    expect(Object.keys(KIND_VIEWS).sort()).toEqual([...NODE_KINDS].sort());
    expect(Object.keys(INSPECTOR_FIELDS).sort()).toEqual([...NODE_KINDS].sort());
    for (const kind of NODE_KINDS) {
      const view = KIND_VIEWS[kind];
      expect(view.name).not.toBe('');
      expect(view.colour).toMatch(/^bg-/);
      expect(view.minimap).toMatch(/^#[0-9a-f]{6}$/);
      expect(nodeTypes[`wf-${kind}`]).toBe(view.component);
    }
  });

  it.each(NODE_KINDS)('renders the inspector fields of a new %s node, editable', (kind) => {
    const store = createStudioStore();
    const node: WorkflowNode = nodeKind(kind).create('n1', { x: 0, y: 0 });
    const Fields = inspectorFieldsOf(node);
    const html = renderToStaticMarkup(
      <StudioProvider store={store}>
        <Fields node={node} edit={() => {}} session={{ onFocus() {}, onBlur() {} }} variables={[]} />
      </StudioProvider>,
    );
    // Every kind has at least one field of its own to edit, labelled for assistive technology.
    expect(html).toMatch(/aria-label="[^"]+"/);
  });
});
