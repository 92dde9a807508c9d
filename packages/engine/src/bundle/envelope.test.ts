import { BUNDLE_FORMAT, BUNDLE_VERSION, readBundleEnvelope } from './envelope';

describe('readBundleEnvelope', () => {
  it('leaves anything without the bundle format to the workflow reader', () => {
    for (const value of [null, 3, 'text', [1], {}, { id: 'w', nodes: [] }, { format: 'backflow.run-result' }])
      expect(readBundleEnvelope(value)).toEqual({ kind: 'not-a-bundle' });
  });

  it('unwraps the workflow and the dataset part, unchecked', () => {
    const bundle = { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, workflow: { id: 'w' }, dataset: 7 };
    expect(readBundleEnvelope(bundle)).toEqual({ kind: 'bundle', workflow: { id: 'w' }, dataset: 7 });
    const bare = { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, workflow: 'not checked here' };
    expect(readBundleEnvelope(bare)).toEqual({ kind: 'bundle', workflow: 'not checked here' });
  });

  it('refuses another version, a version that is not a number and a bundle without a workflow', () => {
    expect(readBundleEnvelope({ format: BUNDLE_FORMAT, version: 2, workflow: {} })).toEqual({
      kind: 'refused',
      reason: 'a studio bundle of version 2; this build reads version 1',
    });
    expect(readBundleEnvelope({ format: BUNDLE_FORMAT, version: '1', workflow: {} })).toMatchObject({
      kind: 'refused',
    });
    expect(readBundleEnvelope({ format: BUNDLE_FORMAT, version: 1 })).toEqual({
      kind: 'refused',
      reason: 'a studio bundle without a workflow',
    });
  });
});
