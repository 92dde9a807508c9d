import { renderToStaticMarkup } from 'react-dom/server';
import { defaultForm, formProblems, sessionSettingsOf } from '../../optimize/form';
import { formOfSession } from '../../optimize/form-of-session';
import { gepaPool } from '../derive/gepa-pool';
import { finalPromptsOf, promptVersions } from '../derive/prompt-versions';
import { fixtureFiles } from '../test-support/fixture-files';
import { type RecordedRun, recordRun } from '../test-support/run-fixture';
import { GepaCandidates } from './GepaCandidates';

// A GEPA run of the simulator on a broken diamond: the seed fails, a reflection repairs the culprit.
let run: RecordedRun;
beforeAll(async () => {
  const files = fixtureFiles('diamond-words', 'broken-2.workflow.json');
  run = await recordRun(files, { algorithm: 'gepa', iterations: 6, seed: 1 });
});

describe('GEPA in the run views', () => {
  it('derives the pool: lineage, scores, frontier and the best, from the events alone', () => {
    const pool = gepaPool(run.events);
    if (!pool) throw new Error('no pool');
    expect(pool.rows[0]).toMatchObject({ id: 0, origin: 'seed', parents: [], changed: [] });
    const best = pool.rows.find((r) => r.best);
    expect(best?.id).toBe(pool.best);
    expect(best?.valScore).toBe(1);
    expect(best?.changed.length).toBeGreaterThan(0);
    expect(pool.frontier).toContain(pool.best);
    expect(pool.rows.every((r) => r.bestOn <= pool.paretoExamples)).toBe(true);
    // The versions the inspector and the final prompts show are the best candidate's prompts.
    const versions = promptVersions(run.events, run.workflowBefore);
    expect(finalPromptsOf(versions)).toEqual(best?.prompts);
    expect(gepaPool(run.events.filter((e) => e.type !== 'gepaCandidate'))).toBeNull();
  });

  it('renders every candidate, marks the frontier and the best, and diffs the result from the start', () => {
    const pool = gepaPool(run.events);
    if (!pool) throw new Error('no pool');
    const html = renderToStaticMarkup(<GepaCandidates pool={pool} plain />);
    expect(html.match(/data-testid="gepa-candidate"/g)?.length).toBe(pool.rows.length);
    expect(html).toContain(`data-best="true"`);
    expect(html).toContain(`data-testid="gepa-diff" data-id="${pool.best}"`);
    const best = pool.rows.find((r) => r.best);
    for (const nodeId of best?.changed ?? []) expect(html).toContain(`${nodeId} · #${pool.best}`);
  });

  it('has a form: GEPA settings travel to the session and come back from its checkpoint', () => {
    const form = { ...defaultForm('gepa'), gepa: { merge: false, maxMerges: 5, maxCandidates: 8 } };
    expect(formProblems(form)).toEqual([]);
    expect(sessionSettingsOf(form)).toMatchObject({
      algorithm: 'gepa',
      gepa: { merge: false, maxCandidates: 8 },
    });
    expect(formProblems({ ...form, gepa: { merge: true, maxMerges: 5, maxCandidates: 1 } })).toEqual([
      'Max candidates must be a whole number of at least 2.',
    ]);
    const back = formOfSession(run.session.state);
    expect(back.algorithm).toBe('gepa');
    expect(back.gepa).toEqual({ merge: true, maxMerges: 5, maxCandidates: 50 });
  });
});
