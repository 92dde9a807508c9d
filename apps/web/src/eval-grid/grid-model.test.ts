import type { ExampleRow, RunState } from '../store/run-state';
import { idleRun } from '../store/run-state';
import {
  accuracyBySplit,
  changesSince,
  filterRows,
  forwardProgress,
  gridCsv,
  gridJson,
  rowFeedback,
  wilsonInterval,
} from './grid-model';

function row(exampleId: string, answer: string, passed: boolean, split?: ExampleRow['split']): ExampleRow {
  return {
    exampleId,
    ...(split ? { split } : {}),
    inputs: { question: `q ${exampleId}` },
    target: '42',
    outputs: { answer },
    nodes: {},
    score: {
      exampleId,
      score: passed ? 1 : 0,
      passed,
      perOutput: {
        answer: {
          score: passed ? 1 : 0,
          passed,
          feedback: passed ? 'ok' : `expected 42, got ${answer}`,
          expected: '42',
          actual: answer,
        },
      },
    },
    failed: false,
  };
}

const runOf = (rows: ExampleRow[]): RunState => ({ ...idleRun('wf'), status: 'done', rows });

describe('evaluation grid model', () => {
  it('gives the Wilson interval (reference values) and a degenerate one for no data', () => {
    const { low, high } = wilsonInterval(7, 10);
    expect(low).toBeCloseTo(0.3968, 3);
    expect(high).toBeCloseTo(0.8922, 3);
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 0 });
    const all = wilsonInterval(5, 5);
    expect(all.high).toBe(1);
    expect(all.low).toBeCloseTo(0.5655, 3);
  });

  it('counts accuracy over all rows and per split; an unscored row fails', () => {
    const unscored: ExampleRow = { ...row('u', '', false, 'val'), score: null, scoreError: 'aborted' };
    const rows = [
      row('a', '42', true, 'train'),
      row('b', '41', false, 'train'),
      row('c', '42', true, 'val'),
      unscored,
    ];
    const acc = accuracyBySplit(rows);
    expect(acc.map((a) => [a.split, a.passed, a.n])).toEqual([
      ['all', 2, 4],
      ['train', 1, 2],
      ['val', 1, 2],
    ]);
    expect(rowFeedback(unscored)).toBe('aborted');
    // One split only: no per-split lines repeating the total.
    expect(accuracyBySplit([row('a', '42', true)]).map((a) => a.split)).toEqual(['all']);
  });

  it('marks rows changed since the previous run (answer or verdict) and filters them', () => {
    const before = runOf([row('a', '42', true), row('b', '41', false), row('c', '7', false)]);
    const now = [row('a', '42', true), row('b', '42', true), row('c', '7', false), row('d', '1', false)];
    const changes = changesSince(now, before);
    expect([...changes.keys()]).toEqual(['b']);
    expect(changes.get('b')).toEqual({
      before: { answer: '41' },
      beforePassed: false,
      changedOutputs: ['answer'],
    });
    expect(filterRows(now, 'changed', changes).map((r) => r.exampleId)).toEqual(['b']);
    expect(filterRows(now, 'failing', changes).map((r) => r.exampleId)).toEqual(['c', 'd']);
    expect(changesSince(now, null).size).toBe(0);
  });

  it('reports N of M and an ETA at the pace so far', () => {
    const run: RunState = {
      ...idleRun('wf'),
      status: 'running',
      exampleIds: ['a', 'b', 'c', 'd'],
      startedAt: 1000,
      rows: [row('a', '1', false)],
    };
    expect(forwardProgress(run, 3000)).toEqual({ done: 1, total: 4, etaMs: 6000 });
    expect(forwardProgress({ ...run, rows: [] }, 3000).etaMs).toBeNull();
  });

  it('exports CSV with quoted cells and JSON with the accuracy', () => {
    const tricky = row('a', 'say "hi",\nthen 42', true);
    const csv = gridCsv([tricky], new Map());
    const [header, ...lines] = csv.trimEnd().split('\r\n');
    expect(header).toBe('exampleId,split,input,target,answer,passed,score,feedback,changed,previousAnswer');
    expect(lines.join('\r\n')).toContain('"say ""hi"",\nthen 42"');
    const json = JSON.parse(gridJson([tricky], new Map())) as {
      accuracy: { n: number }[];
      rows: { answer: string }[];
    };
    expect(json.accuracy[0]?.n).toBe(1);
    expect(json.rows[0]?.answer).toBe('say "hi",\nthen 42');
  });
});
