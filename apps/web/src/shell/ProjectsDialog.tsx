import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import {
  deleteProject,
  duplicateProject,
  listProjects,
  renameProject,
  restoreProject,
} from '../persistence/projects';
import { useStudio, useStudioStore } from '../store/react';
import { isolate } from '../ui/bidi';
import { Dialog } from '../ui/Dialog';
import { BTN, QuarantineList } from './QuarantineList';
import { useServices } from './services';

/** The project list (live: other tabs' changes show up): open, create, rename, duplicate, delete. */
export function ProjectsDialog({ onClose }: { onClose: () => void }) {
  const { persistence } = useServices();
  const { db } = persistence;
  const store = useStudioStore();
  const currentId = useStudio((s) => s.doc.id);
  const projects = useLiveQuery(() => listProjects(db), [db]);
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);

  const remove = async (id: string, name: string) => {
    await persistence.flush();
    const deleted = await deleteProject(db, id);
    if (!deleted) return;
    if (id === currentId) {
      const next = (await listProjects(db))[0];
      if (next) await persistence.openProject(next.id);
      else await persistence.newProject();
    }
    store.getState().toast(`Deleted "${isolate(name)}".`, {
      ms: 8000,
      action: { label: 'Undo', run: () => void restoreProject(db, deleted) },
    });
  };

  return (
    <Dialog title="Projects" onClose={onClose} testId="projects-dialog">
      <div className="mb-3 flex">
        <button
          type="button"
          className="rounded-md bg-sky-700 px-3 py-1.5 text-xs font-semibold text-white hover:bg-sky-800"
          onClick={() => void persistence.newProject().then(onClose)}
        >
          New workflow
        </button>
      </div>
      <ul className="divide-y divide-slate-100 dark:divide-slate-800">
        {(projects ?? []).map((p) => (
          <li key={p.id} className="flex items-center gap-2 py-1.5" data-testid="project-row">
            {renaming?.id === p.id ? (
              <form
                className="flex-1"
                onSubmit={(e) => {
                  e.preventDefault();
                  void renameProject(db, p.id, renaming.name.trim() || p.name).then(async () => {
                    if (p.id === currentId) await persistence.openProject(p.id);
                    setRenaming(null);
                  });
                }}
              >
                <input
                  aria-label="New name"
                  maxLength={200}
                  className="w-full rounded border border-slate-300 px-1.5 py-0.5 dark:border-slate-600 dark:bg-slate-800"
                  value={renaming.name}
                  onChange={(e) => setRenaming({ id: p.id, name: e.target.value })}
                />
              </form>
            ) : (
              <button
                type="button"
                // Wraps rather than truncates: variants differ at the end of their names ("(broken-2)").
                className="min-w-0 flex-1 break-words text-left font-medium hover:underline"
                title={p.name}
                onClick={() => void persistence.openProject(p.id).then(onClose)}
              >
                <bdi>{p.name}</bdi>
                {p.id === currentId && (
                  <span className="ml-2 text-xs font-normal text-sky-700 dark:text-sky-300">open</span>
                )}
              </button>
            )}
            <span className="shrink-0 text-xs text-slate-500">
              {p.doc.nodes.length} nodes · {new Date(p.updatedAt).toLocaleString()}
            </span>
            <button type="button" className={BTN} onClick={() => setRenaming({ id: p.id, name: p.name })}>
              Rename
            </button>
            <button type="button" className={BTN} onClick={() => void duplicateProject(db, p.id)}>
              Duplicate
            </button>
            <button type="button" className={`${BTN} text-red-600`} onClick={() => void remove(p.id, p.name)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
      <QuarantineList />
    </Dialog>
  );
}
