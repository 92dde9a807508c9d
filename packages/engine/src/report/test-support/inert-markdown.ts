/**
 * Test support for the reports' Markdown (the CLI's report.md and the studio's export): hostile
 * run text, and a check that a report stays inert in the most permissive Markdown viewer.
 */
import { micromark } from 'micromark';

/** Markup, script and link tricks a workflow name, prompt or model answer might carry. */
export const HOSTILE_TEXT = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '[click](javascript:alert(3))',
  '<javascript:alert(4)>',
  '![pic](x" onerror="alert(5))',
  '`</code><svg onload=alert(6)>`',
  '**bold** | pipe & &lt;b&gt;',
].join(' ');

/**
 * Renders `md` with raw HTML passed through and every URL protocol kept, asserts that nothing in
 * it became an element a payload would create (script, img, svg, b, a link, emphasis of the
 * payload), and returns the text a reader sees (tags dropped, entities decoded).
 */
export function expectInertMarkdown(md: string): string {
  const html = micromark(md, { allowDangerousHtml: true, allowDangerousProtocol: true });
  expect(html).not.toMatch(/<(script|img|svg|b)[\s>]/i);
  expect(html).not.toMatch(/<a\s/i);
  expect(html).not.toMatch(/<(strong|em)>bold/);
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
