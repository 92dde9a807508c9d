import { parseTemplate, renderTemplate, TemplateError, templateVariables } from './template';

describe('templateVariables', () => {
  it('finds {{name}} with or without spaces, once each, in order of appearance', () => {
    expect(templateVariables('Q: {{question}}\nA: {{ plan }} / {{\tquestion\t}} {{facts }}')).toEqual([
      'question',
      'plan',
      'facts',
    ]);
  });

  it('ignores single braces, escaped braces and malformed placeholders', () => {
    expect(templateVariables('{"a": {"b": 1}} \\{{literal}} {{ two words }} {{1st}} {{open')).toEqual([]);
  });

  it('reports malformed placeholders with an excerpt', () => {
    const parsed = parseTemplate('ok {{good}}\nbad {{ two words }} end');
    expect(parsed.malformed).toEqual([{ start: 16, excerpt: '{{ two words }} end' }]);
  });
});

describe('renderTemplate', () => {
  it('fills every placeholder, leaving single braces alone', () => {
    expect(renderTemplate('{"q": "{{ q }}"} {{q}}!', { q: 'hi' })).toBe('{"q": "hi"} hi!');
  });

  it('renders \\{{ as literal braces', () => {
    expect(renderTemplate('Use \\{{name}} syntax for {{name}}', { name: 'x' })).toBe(
      'Use {{name}} syntax for x',
    );
  });

  it('never expands placeholders inside values (no injection)', () => {
    expect(renderTemplate('{{a}} {{b}}', { a: '{{b}}', b: 'B' })).toBe('{{b}} B');
  });

  it('throws a TemplateError naming every missing variable and the node', () => {
    let caught: unknown;
    try {
      renderTemplate('{{a}} {{b}} {{c}} {{b}}', { a: '1' }, { nodeId: 'solve' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TemplateError);
    const error = caught as TemplateError;
    expect(error.missing).toEqual(['b', 'c']);
    expect(error.nodeId).toBe('solve');
    expect(error.message).toContain('node "solve"');
    expect(error.message).toContain('{{b}}, {{c}}');
  });

  it('treats an empty string as a value, not as missing', () => {
    expect(renderTemplate('[{{a}}]', { a: '' })).toBe('[]');
  });

  it('does not read inherited properties as values', () => {
    expect(() => renderTemplate('{{toString}}', {})).toThrow(TemplateError);
  });

  it('renders each of many templates by its own text, again and again (parses are remembered)', () => {
    // More distinct templates than the remembered parses hold, each rendered twice.
    const templates = Array.from({ length: 600 }, (_, i) => `#${i}: {{a}}${i % 2 ? ' and {{b}}' : ''}`);
    for (let round = 0; round < 2; round++) {
      for (const [i, template] of templates.entries()) {
        const expected = i % 2 ? `#${i}: x${round} and y` : `#${i}: x${round}`;
        expect(renderTemplate(template, { a: `x${round}`, b: 'y' })).toBe(expected);
      }
    }
    expect(() => renderTemplate(templates[1]!, { a: 'x' })).toThrow(/\{\{b\}\}/);
  });
});
