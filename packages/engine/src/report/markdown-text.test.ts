import { mdCode, mdFence, mdText, oneLine } from './markdown-text';

describe('Markdown text helpers', () => {
  it('escape every character that could start markup, and fold newlines', () => {
    expect(mdText('<b>x</b> [a](javascript:x) *y* | z\nnext')).toBe(
      '\\<b\\>x\\</b\\> \\[a\\](javascript:x) \\*y\\* \\| z next',
    );
    expect(oneLine('a\n  b \n c')).toBe('a b c');
  });

  it('fence code spans and blocks with a backtick run longer than any inside', () => {
    expect(mdCode('plain')).toBe('`plain`');
    expect(mdCode('a``b')).toBe('```a``b```');
    expect(mdCode('`edge')).toBe('`` `edge ``');
    expect(mdCode('a|b', true)).toBe('`a\\|b`');
    expect(mdFence('no ticks', 'text')).toBe('```text\nno ticks\n```');
    expect(mdFence('has ```` four', 'diff')).toBe('`````diff\nhas ```` four\n`````');
  });
});
