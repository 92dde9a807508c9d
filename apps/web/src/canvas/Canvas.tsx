/**
 * The workflow canvas: React Flow in controlled mode over the document. Positions, selection and
 * measured sizes flow back into the store; a drag is one undo step (gesture marks on drag start
 * and stop); connecting goes through `connectNodes`, which may refuse with a reason (toast).
 */
import type { NodeKind } from '@backflow/engine';
import {
  Background,
  BackgroundVariant,
  type Connection,
  type EdgeChange,
  MiniMap,
  type NodeChange,
  ReactFlow,
  useStore as useFlowStore,
  useReactFlow,
  type Viewport,
} from '@xyflow/react';
import { type DragEvent, type MouseEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { readViewport, writeViewport } from '../shell/session';
import { connectNodes } from '../store/connect';
import { moveNodes } from '../store/doc-ops';
import { useStudio, useStudioStore } from '../store/react';
import { selectEdges, selectNodes } from '../store/selectors';
import { type ActionContext, addNodeAt, CANVAS_ACTIONS, isTypingTarget } from './actions';
import { CanvasToolbar } from './CanvasToolbar';
import { ContextMenu, type MenuState } from './ContextMenu';
import { installClipboard } from './clipboard-events';
import { EmptyCanvasHint } from './EmptyCanvasHint';
import { type FlowEdge, type FlowNode, toFlowEdges, toFlowNodes } from './flow-model';
import { LARGE_GRAPH_NODES, LOW_DETAIL_CLASS, selectLowDetail } from './level-of-detail';
import { KIND_VIEWS, nodeTypes } from './nodes/kind-views';

const selectSelectedNodes = (s: { selectedNodeIds: string[] }) => s.selectedNodeIds;
const selectSelectedEdges = (s: { selectedEdgeIds: string[] }) => s.selectedEdgeIds;
const selectMeasured = (s: { measured: Record<string, { width: number; height: number }> }) => s.measured;
const SNAP: [number, number] = [20, 20];
const minimapColour = (n: FlowNode) => KIND_VIEWS[n.data.kind]?.minimap ?? '#94a3b8';

/** The canvas with its toolbar, minimap and context menu. */
export function Canvas() {
  const store = useStudioStore();
  const rf = useReactFlow<FlowNode, FlowEdge>();
  const docNodes = useStudio(selectNodes);
  const docEdges = useStudio(selectEdges);
  const selectedNodes = useStudio(selectSelectedNodes);
  const selectedEdges = useStudio(selectSelectedEdges);
  const measured = useStudio(selectMeasured);
  const snapToGrid = useStudio((s) => s.snapToGrid);
  const theme = useStudio((s) => s.theme);
  const focusRequest = useStudio((s) => s.focusRequest);
  const [menu, setMenu] = useState<MenuState | null>(null);
  const docId = useStudio((s) => s.doc.id);
  // A boolean: the canvas re-renders when the zoom crosses the threshold, not on every pan frame.
  const lowDetail = useFlowStore(selectLowDetail);
  // A large graph zoomed in mounts only the nodes and edges in view: the cost of a frame grows
  // with the mounted nodes (hit-testing, layerization, DOM size). Zoomed out (low detail) most of
  // the graph is in view anyway and its nodes are cheap boxes, while visible-only rendering would
  // mount and unmount nodes on every pan frame at the edges of the view; measured on the 500-node
  // fixture (docs/benchmarks.md section 5), mounting them all costs less script and style there.
  const visibleOnly = docNodes.length > LARGE_GRAPH_NODES && !lowDetail;
  // Fit the view once per opened project, after its nodes have been measured (not on every add:
  // the view must not jump while someone is drawing).
  const pendingFit = useRef(false);
  const restoreView = useCallback(() => {
    const saved = readViewport(sessionStorage, store.getState().doc.id);
    requestAnimationFrame(
      () => void (saved ? rf.setViewport(saved) : rf.fitView({ padding: 0.15, maxZoom: 1 })),
    );
  }, [rf, store]);
  useEffect(() => {
    const { doc, measured } = store.getState();
    if (docId === '' || doc.nodes.length === 0) pendingFit.current = false;
    // Sizes already known (a project seen before in this tab): React Flow will not re-measure.
    else if (doc.nodes.every((n) => measured[n.id])) restoreView();
    else pendingFit.current = true;
  }, [docId, store, restoreView]);

  const nodes = useMemo(
    () => toFlowNodes(docNodes, new Set(selectedNodes), measured),
    [docNodes, selectedNodes, measured],
  );
  const edges = useMemo(() => toFlowEdges(docEdges, new Set(selectedEdges)), [docEdges, selectedEdges]);

  const ctx = useMemo<ActionContext>(
    () => ({
      store,
      fitView: () => void rf.fitView({ duration: 200, padding: 0.15 }),
      viewCenter: () => {
        const el = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
        return rf.screenToFlowPosition({
          x: (el?.left ?? 0) + (el?.width ?? 800) / 2,
          y: (el?.top ?? 0) + (el?.height ?? 600) / 2,
        });
      },
    }),
    [store, rf],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      const positions = new Map<string, { x: number; y: number }>();
      const sizes: Record<string, { width: number; height: number }> = {};
      let selection: Set<string> | null = null;
      for (const c of changes) {
        if (c.type === 'position' && c.position) positions.set(c.id, c.position);
        else if (c.type === 'dimensions' && c.dimensions) sizes[c.id] = c.dimensions;
        else if (c.type === 'select') {
          selection ??= new Set(store.getState().selectedNodeIds);
          if (c.selected) selection.add(c.id);
          else selection.delete(c.id);
        }
      }
      const s = store.getState();
      if (positions.size > 0) s.changeDoc((d) => moveNodes(d, positions));
      if (Object.keys(sizes).length > 0) {
        s.setMeasured(sizes);
        if (pendingFit.current) {
          pendingFit.current = false;
          restoreView();
        }
      }
      if (selection) s.setSelection([...selection], s.selectedEdgeIds);
    },
    [store, restoreView],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<FlowEdge>[]) => {
      let selection: Set<string> | null = null;
      for (const c of changes) {
        if (c.type !== 'select') continue;
        selection ??= new Set(store.getState().selectedEdgeIds);
        if (c.selected) selection.add(c.id);
        else selection.delete(c.id);
      }
      if (selection) store.getState().setSelection(store.getState().selectedNodeIds, [...selection]);
    },
    [store],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      const result = connectNodes(store.getState().doc, c);
      if (result.ok) store.getState().changeDoc(() => result.doc);
      else store.getState().toast(result.reason, { kind: 'error', ms: 8000 });
    },
    [store],
  );

  const onMoveEnd = useCallback(
    (_: unknown, viewport: Viewport) => writeViewport(sessionStorage, store.getState().doc.id, viewport),
    [store],
  );

  const beginGesture = useCallback(() => store.getState().beginGesture(), [store]);
  const endGesture = useCallback(() => store.getState().endGesture(), [store]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTypingTarget(e.target)) return;
      if (store.getState().dialog && e.key !== 'Escape') return;
      const action = CANVAS_ACTIONS.find((a) => a.keyTest(e));
      if (!action) return;
      e.preventDefault();
      void action.perform(ctx);
    };
    window.addEventListener('keydown', onKey);
    const removeClipboard = installClipboard(document, store);
    return () => {
      window.removeEventListener('keydown', onKey);
      removeClipboard();
    };
  }, [ctx, store]);

  useEffect(() => {
    if (focusRequest) void rf.fitView({ nodes: [{ id: focusRequest.nodeId }], duration: 250, maxZoom: 1.2 });
  }, [focusRequest, rf]);

  // A clicked node opens in the Inspector; the Optimize and Run panels show the selected node's own
  // views, so they stay.
  const openInspector = useCallback(() => {
    const s = store.getState();
    if (s.panel === 'problems' || s.panel === 'dataset') s.setPanel('inspector');
  }, [store]);
  const onPaneContextMenu = useCallback(
    (e: MouseEvent | globalThis.MouseEvent) => {
      e.preventDefault();
      setMenu({
        x: e.clientX,
        y: e.clientY,
        flow: rf.screenToFlowPosition({ x: e.clientX, y: e.clientY }),
        nodeId: null,
      });
    },
    [rf],
  );
  const onNodeContextMenu = useCallback(
    (e: MouseEvent, node: FlowNode) => {
      e.preventDefault();
      if (!store.getState().selectedNodeIds.includes(node.id)) store.getState().setSelection([node.id], []);
      setMenu({ x: e.clientX, y: e.clientY, flow: node.position, nodeId: node.id });
    },
    [store],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (e.dataTransfer.types.includes('application/x-backflow-node')) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);
  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData('application/x-backflow-node') as NodeKind;
      if (!kind) return;
      e.preventDefault();
      addNodeAt(store, kind, rf.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
    },
    [store, rf],
  );

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target for palette drags; the palette buttons are the accessible path
    <div className="h-full w-full" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onNodeDragStart={beginGesture}
        onNodeDragStop={endGesture}
        onSelectionDragStart={beginGesture}
        onSelectionDragStop={endGesture}
        onPaneContextMenu={onPaneContextMenu}
        onNodeContextMenu={onNodeContextMenu}
        onPaneClick={() => setMenu(null)}
        onNodeClick={openInspector}
        onMoveEnd={onMoveEnd}
        deleteKeyCode={null}
        snapToGrid={snapToGrid}
        snapGrid={SNAP}
        colorMode={theme}
        minZoom={0.05}
        onlyRenderVisibleElements={visibleOnly}
        proOptions={{ hideAttribution: true }}
        className={lowDetail ? LOW_DETAIL_CLASS : undefined}
      >
        {/* In low detail the 20-unit grid is under 8 screen px apart (dots of a fraction of a
            pixel), yet its pattern is re-rastered on every pan frame: left out. */}
        {!lowDetail && (
          <Background gap={20} variant={snapToGrid ? BackgroundVariant.Lines : BackgroundVariant.Dots} />
        )}
        {/* Zoomed out on a large graph the canvas is itself the overview, while the minimap's
            view box follows the viewport and re-draws its hundreds of nodes on every pan frame:
            it comes back as soon as the graph is zoomed in enough to read. */}
        {/* Small, and only where the canvas has room: at 1024 px it would cover a third of it. */}
        {!lowDetail && (
          <MiniMap
            pannable
            zoomable
            nodeColor={minimapColour}
            style={{ width: 140, height: 90 }}
            className="max-xl:!hidden"
            ariaLabel="Mini map"
          />
        )}
        <CanvasToolbar ctx={ctx} />
      </ReactFlow>
      {docNodes.length === 0 && <EmptyCanvasHint />}
      {menu && <ContextMenu menu={menu} ctx={ctx} onClose={() => setMenu(null)} />}
    </div>
  );
}
