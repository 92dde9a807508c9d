import { useStudio, useStudioStore } from '../store/react';
import { IsolatedText } from './IsolatedText';

const selectToasts = (s: { toasts: import('../store/ui-slice').Toast[] }) => s.toasts;

/** Toasts at the bottom of the screen; errors (like a refused connection) stay a little longer. */
export function Toasts() {
  const toasts = useStudio(selectToasts);
  const store = useStudioStore();
  return (
    <div className="pointer-events-none fixed bottom-4 left-1/2 z-[60] flex -translate-x-1/2 flex-col items-center gap-2">
      {toasts.map((t) => (
        <div
          key={t.id}
          role={t.kind === 'error' ? 'alert' : 'status'}
          data-testid="toast"
          className={`pointer-events-auto flex max-w-xl items-center gap-3 rounded-md px-4 py-2 text-sm shadow-lg ${
            t.kind === 'error' ? 'bg-red-700 text-white' : 'bg-slate-800 text-white'
          }`}
        >
          {/* Isolated: a name in the text with a right-to-left override cannot flip the buttons' side. */}
          <span className="[unicode-bidi:isolate]">
            <IsolatedText text={t.text} />
          </span>
          {t.action && (
            <button
              type="button"
              className="rounded bg-white/15 px-2 py-0.5 font-semibold hover:bg-white/25"
              onClick={() => {
                t.action?.run();
                store.getState().dismissToast(t.id);
              }}
            >
              {t.action.label}
            </button>
          )}
          <button
            type="button"
            aria-label="Dismiss"
            className="opacity-70 hover:opacity-100"
            onClick={() => store.getState().dismissToast(t.id)}
          >
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
