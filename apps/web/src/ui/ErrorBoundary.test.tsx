import { renderToStaticMarkup } from 'react-dom/server';
import { ErrorBoundary } from './ErrorBoundary';

describe('ErrorBoundary', () => {
  it('turns a render error into a message with a way out instead of an empty page', () => {
    const state = ErrorBoundary.getDerivedStateFromError(
      new TypeError("Cannot read properties of undefined (reading 'length')"),
    );
    const boundary = new ErrorBoundary({ area: 'This panel', children: <p>content</p> });
    boundary.state = state;
    const html = renderToStaticMarkup(boundary.render());
    expect(html).toContain('role="alert"');
    expect(html).toContain('This panel hit an error and could not be shown.');
    expect(html).toContain('reading &#x27;length&#x27;');
    expect(html).toContain('Everything saved before this is still stored.');
    expect(html).toContain('>Try again</button>');
    expect(html).toContain('>Reload</button>');
    expect(html).not.toContain('content');
  });

  it('shows its children while nothing failed, and wraps a thrown non-Error', () => {
    const boundary = new ErrorBoundary({ area: 'The studio', children: <p>content</p> });
    expect(renderToStaticMarkup(boundary.render())).toBe('<p>content</p>');
    expect(ErrorBoundary.getDerivedStateFromError('plain string').error?.message).toBe('plain string');
  });
});
