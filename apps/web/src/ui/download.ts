/**
 * Saving a text file from the page. Its own module: the shell's workflow download and the set-aside
 * list are on the first screen, and importing this from the run views' export buttons pulled that
 * whole chunk (the report builder with it) into the initial JS.
 */

/** Saves `file` through a temporary object URL (a download in the browser). */
export function download(file: { name: string; type: string; text: string }): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.click();
  // Unbound setTimeout (see persistence/throttle.ts): a bound call throws "Illegal invocation".
  const later = setTimeout;
  later(() => URL.revokeObjectURL(url), 1000);
}
