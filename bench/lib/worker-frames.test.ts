import { datasetRows } from './worker-frames';

describe('datasetRows', () => {
  it('cycles the training rows into flat JSONL of the requested length', () => {
    const train = [
      JSON.stringify({ id: 'a', inputs: { sentence: 'one two' }, target: 'ONE' }),
      JSON.stringify({ id: 'b', inputs: { sentence: 'three four' }, target: 'THREE' }),
      '',
    ].join('\n');
    const rows = datasetRows(train, 5)
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual({ sentence: 'one two', target: 'ONE' });
    expect(rows[3]).toEqual({ sentence: 'three four', target: 'THREE' });
  });
});
