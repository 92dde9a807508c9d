/** A side-by-side prompt diff: CodeMirror's merge view when loaded, the plain text diff meanwhile or when asked. */
import { lazy, memo, Suspense } from 'react';
import { TextDiff } from './TextDiff';

const MergeDiffView = lazy(() => import('./MergeDiffView'));

/** `plain` forces the light text diff (tests, print, very long prompts). */
export const PromptDiffView = memo(function PromptDiffView({
  before,
  after,
  label,
  plain = false,
  beforeLabel,
  afterLabel,
}: {
  before: string;
  after: string;
  label: string;
  plain?: boolean;
  beforeLabel?: string;
  afterLabel?: string;
}) {
  const text = (
    <TextDiff
      before={before}
      after={after}
      {...(beforeLabel ? { beforeLabel } : {})}
      {...(afterLabel ? { afterLabel } : {})}
    />
  );
  if (plain || typeof window === 'undefined') return text;
  return (
    <Suspense fallback={text}>
      <div className="grid grid-cols-2 text-[11px] font-semibold text-slate-500" aria-hidden="true">
        <span className="px-1.5">{beforeLabel ?? 'current'}</span>
        <span className="px-1.5">{afterLabel ?? 'proposed'}</span>
      </div>
      <MergeDiffView before={before} after={after} label={label} />
    </Suspense>
  );
});
