import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { Header } from './Header';

/** The studio's frame: header on top, canvas in the middle, a slot for panels on the right. */
export function App() {
  return (
    <ReactFlowProvider>
      <div className="flex h-full flex-col bg-slate-50 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
        <Header />
        <main className="flex min-h-0 flex-1">
          <section className="relative min-w-0 flex-1" data-testid="canvas" aria-label="Workflow canvas">
            <ReactFlow nodes={[]} edges={[]} fitView proOptions={{ hideAttribution: true }}>
              <Background gap={16} />
              <MiniMap pannable zoomable />
              <Controls />
            </ReactFlow>
          </section>
          <aside
            className="w-80 shrink-0 border-l border-slate-200 bg-white p-3 text-sm dark:border-slate-800 dark:bg-slate-900"
            data-testid="panels"
            aria-label="Panels"
          >
            <p className="text-slate-500">Select a node to inspect it.</p>
          </aside>
        </main>
      </div>
    </ReactFlowProvider>
  );
}
