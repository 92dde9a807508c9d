import { baseUrlProblem, redactUrl } from './endpoint-url';

describe('baseUrlProblem', () => {
  it('accepts http(s) URLs with hosts, IPv6 literals and ports', () => {
    for (const ok of [
      'http://127.0.0.1:8787/v1',
      'https://api.openai.com/v1',
      'http://[::1]:11434/v1',
      'HTTPS://Example.test',
    ]) {
      expect(baseUrlProblem(ok)).toBeNull();
    }
  });

  it.each([
    ['javascript:alert(1)', 'must be an http(s) URL'],
    ['file:///etc/passwd', 'must be an http(s) URL'],
    ['ftp://example.test/v1', 'must be an http(s) URL'],
    ['localhost:11434/v1', 'must be an http(s) URL'],
    ['http://', 'must be an http(s) URL'],
    ['', 'is empty'],
    ['http://127.0.0.1 :8787/v1', 'must not contain spaces'],
    ['http://[::1/v1', 'is not a valid URL'],
    ['http://127.0.0.1:99999/v1', 'is not a valid URL'],
    ['http://127.0.0.1:0/v1', 'has port 0'],
  ])('refuses %j: %s', (raw, message) => {
    expect(baseUrlProblem(raw)).toContain(message);
  });

  it('refuses credentials in the URL without ever repeating the password', () => {
    const problem = baseUrlProblem('https://alice:s3cret-pass@api.example.test/v1');
    expect(problem).toContain('must not carry a user name or password');
    expect(problem).toContain('https://***@api.example.test/v1');
    expect(problem).not.toContain('s3cret-pass');
    expect(problem).not.toContain('alice');
    // Also when the rest of the URL is malformed, and when the URL has spaces.
    expect(baseUrlProblem('http://bob:pw-9@[::1/v1')).not.toContain('pw-9');
    expect(baseUrlProblem('http://bob:pw-9@host name/v1')).not.toContain('pw-9');
  });

  it('redactUrl leaves URLs without credentials alone', () => {
    expect(redactUrl('http://127.0.0.1:8787/v1?a=b@c')).toBe('http://127.0.0.1:8787/v1?a=b@c');
  });
});
