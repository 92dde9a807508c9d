import { renderToStaticMarkup } from 'react-dom/server';
import { isolate, isolatedRuns } from './bidi';
import { IsolatedText } from './IsolatedText';

describe('bidi isolation of names in messages', () => {
  const rlo = 'Invoice \u202efdp.exe';

  it('marks a name so its override ends with it, even when the name holds isolate marks itself', () => {
    expect(isolate(rlo)).toBe(`\u2068${rlo}\u2069`);
    expect(isolate('a\u2069b\u2067c')).toBe('\u2068abc\u2069');
  });

  it('cuts a message into plain runs and isolated names', () => {
    expect(isolatedRuns(`Imported "${isolate(rlo)}" and "${isolate('x')}".`)).toEqual([
      { text: 'Imported "', isolated: false },
      { text: rlo, isolated: true },
      { text: '" and "', isolated: false },
      { text: 'x', isolated: true },
      { text: '".', isolated: false },
    ]);
    expect(isolatedRuns('no names')).toEqual([{ text: 'no names', isolated: false }]);
  });

  it('renders each name as <bdi>, the marks themselves left out of the text', () => {
    const html = renderToStaticMarkup(<IsolatedText text={`Deleted "${isolate(rlo)}".`} />);
    expect(html).toBe(`<span>Deleted &quot;</span><bdi>${rlo}</bdi><span>&quot;.</span>`);
  });
});
