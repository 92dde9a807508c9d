import { studioCsp, studioCspPlugin } from './csp-plugin';

const directive = (policy: string, name: string) =>
  policy
    .split('; ')
    .find((d) => d.startsWith(`${name} `))
    ?.split(' ')
    .slice(1);

describe('the studio CSP', () => {
  it('allows no inline script, no eval, no plugins and no base rewriting', () => {
    const policy = studioCsp();
    expect(directive(policy, 'script-src')).toEqual(["'self'"]);
    expect(policy).not.toContain('unsafe-eval');
    expect(directive(policy, 'object-src')).toEqual(["'none'"]);
    expect(directive(policy, 'base-uri')).toEqual(["'none'"]);
  });

  it('allows HTTPS model APIs, plain HTTP on loopback only, plus the endpoints the build names', () => {
    expect(directive(studioCsp(), 'connect-src')).toEqual([
      "'self'",
      'https:',
      'http://localhost:*',
      'http://127.0.0.1:*',
    ]);
    expect(directive(studioCsp(['http://10.0.0.5:11434']), 'connect-src')).toContain('http://10.0.0.5:11434');
  });

  it('is a build-only plugin that reads extra endpoints from BACKFLOW_CONNECT_SRC', () => {
    const plugin = studioCspPlugin({ BACKFLOW_CONNECT_SRC: ' http://lan-box:8000  http://10.1.1.1:1234 ' });
    expect(plugin.apply).toBe('build');
    const transform = plugin.transformIndexHtml as { handler: () => { attrs: Record<string, string> }[] };
    const [meta] = transform.handler();
    expect(meta?.attrs.content).toContain('http://lan-box:8000 http://10.1.1.1:1234');
  });
});
