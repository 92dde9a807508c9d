/**
 * Bidirectional isolation of names inside plain-text messages (toasts, titles). A name holding a
 * right-to-left override (U+202E) would otherwise reverse the text after it: "‮fdp.exe" reads as
 * "exe.pdf". FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE confines every embedding or override
 * the name opens to the name itself, as `<bdi>` does in markup.
 */
export function isolate(name: string): string {
  return `\u2068${name}\u2069`;
}
