import { isolatedRuns } from './bidi';

/** A message whose names were marked with `isolate()`: each name is a `<bdi>`, the rest plain text. */
export function IsolatedText({ text }: { text: string }) {
  return (
    <>
      {isolatedRuns(text).map((run, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the runs of one immutable string
        run.isolated ? <bdi key={i}>{run.text}</bdi> : <span key={i}>{run.text}</span>,
      )}
    </>
  );
}
