/**
 * Bidirectional isolation of names inside plain-text messages (toasts, the set-aside list). A name
 * holding a right-to-left override (U+202E) would otherwise reverse the text after it: "‮fdp.exe"
 * reads as "exe.pdf". {@link isolate} marks a name with FIRST STRONG ISOLATE ... POP DIRECTIONAL
 * ISOLATE, which confines every embedding or override the name opens to the name itself;
 * `IsolatedText` renders each marked name as a `<bdi>` element.
 */

const FSI = '\u2068';
const PDI = '\u2069';

/** `name` marked as one isolated run (isolate marks inside it are dropped so it cannot end early). */
export function isolate(name: string): string {
  return `${FSI}${name.replace(/[\u2066-\u2069]/g, '')}${PDI}`;
}

/** `text` cut into plain runs and isolated names (`isolated: true`), in order. */
export function isolatedRuns(text: string): { text: string; isolated: boolean }[] {
  const runs: { text: string; isolated: boolean }[] = [];
  const marked = /\u2068([^\u2069]*)\u2069/g;
  let from = 0;
  for (let m = marked.exec(text); m !== null; m = marked.exec(text)) {
    if (m.index > from) runs.push({ text: text.slice(from, m.index), isolated: false });
    runs.push({ text: m[1] ?? '', isolated: true });
    from = m.index + m[0].length;
  }
  if (from < text.length) runs.push({ text: text.slice(from), isolated: false });
  return runs;
}
