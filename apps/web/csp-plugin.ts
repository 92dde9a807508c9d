/**
 * The built studio's Content-Security-Policy, injected as a `<meta>` tag at build time only (the
 * dev server needs an inline React-refresh script and `eval`-based HMR, which the policy forbids).
 * See docs/architecture.md, "Security", for why each directive is what it is.
 */
import type { Plugin } from 'vite';

/** Where plain-HTTP model servers may live without editing the policy: this machine. */
const LOOPBACK = ['http://localhost:*', 'http://127.0.0.1:*'];

/**
 * The policy. `extraConnect` adds model endpoints to `connect-src` (from the build's
 * `BACKFLOW_CONNECT_SRC`, space-separated), e.g. an Ollama on another host of the LAN.
 */
export function studioCsp(extraConnect: readonly string[] = []): string {
  return [
    "default-src 'self'",
    // No 'unsafe-inline', no 'unsafe-eval': injected markup cannot run script.
    "script-src 'self'",
    "worker-src 'self'",
    // HTTPS model APIs are configured at run time (OpenAI, OpenRouter...); plain HTTP only on loopback.
    `connect-src ${["'self'", 'https:', ...LOOPBACK, ...extraConnect].join(' ')}`,
    // React Flow and CodeMirror set inline styles; styles cannot run script.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * zod 4 probes `new Function("")` once to decide whether to JIT its parsers; under this policy the
 * probe throws (caught) but is still reported as a violation. `jitless` skips the probe. It must be
 * set before zod's module runs, hence a module of its own listed first in the page.
 */
const ZOD_JITLESS = 'globalThis.__zod_globalConfig = { ...globalThis.__zod_globalConfig, jitless: true };\n';

/** The Vite plugin: adds the CSP meta tag and the zod preamble to the built index.html. */
export function studioCspPlugin(env: Record<string, string | undefined> = process.env): Plugin {
  const extra = (env.BACKFLOW_CONNECT_SRC ?? '').split(/\s+/).filter((s) => s !== '');
  let base = '/';
  return {
    name: 'backflow-csp',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'assets/zod-jitless.js', source: ZOD_JITLESS });
    },
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: studioCsp(extra) },
          injectTo: 'head-prepend',
        },
        { tag: 'script', attrs: { src: `${base}assets/zod-jitless.js` }, injectTo: 'head' },
      ],
    },
  };
}
