import { type ReactNode, useEffect, useRef } from 'react';
import { IsolatedText } from './IsolatedText';

/** A modal dialog on the native <dialog> element (focus trap and Esc for free). */
export function Dialog({
  title,
  onClose,
  children,
  wide = false,
  testId,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) el.showModal();
    return () => el?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-label={title}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className={`m-auto max-h-[85vh] rounded-lg border border-slate-200 bg-white p-0 text-sm text-slate-900 shadow-2xl backdrop:bg-slate-900/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 ${
        wide ? 'w-[min(960px,95vw)]' : 'w-[min(560px,95vw)]'
      }`}
    >
      <div className="flex items-center border-b border-slate-200 px-4 py-2.5 dark:border-slate-700">
        <h2 className="flex-1 truncate text-sm font-semibold [unicode-bidi:isolate]">
          <IsolatedText text={title} />
        </h2>
        <button
          type="button"
          onClick={onClose}
          className="rounded px-2 text-slate-500 hover:bg-slate-100 dark:hover:bg-slate-800"
          aria-label="Close"
        >
          ✕
        </button>
      </div>
      <div className="max-h-[calc(85vh-44px)] overflow-auto p-4">{children}</div>
    </dialog>
  );
}
