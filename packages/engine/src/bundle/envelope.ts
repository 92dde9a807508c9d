/**
 * The studio's export file, `<name>.backflow.json`:
 * `{ format: "backflow.bundle", version: 1, exportedAt, workflow, dataset?: { dataset, split } }`.
 * The studio writes it and reads it back (Import); the command line takes it wherever it takes a
 * workflow. Both unwrap it here, so a file one host takes the other takes too, and both refuse the
 * same files with the same sentence.
 */

/** The `format` of a studio bundle. */
export const BUNDLE_FORMAT = 'backflow.bundle';
/** The bundle version this build writes and reads. */
export const BUNDLE_VERSION = 1;

/** A parsed file seen as a bundle: not one, a bundle's parts (unchecked), or why it is refused. */
export type BundleEnvelope =
  | { kind: 'not-a-bundle' }
  | { kind: 'bundle'; workflow: unknown; dataset?: unknown }
  | {
      kind: 'refused';
      /** What the file is, to follow "<the file> is": `a studio bundle without a workflow`. */
      reason: string;
    };

/**
 * Unwraps a parsed JSON value when it is a studio bundle. Anything without the bundle's `format`
 * (a bare workflow document, or anything else) is `not-a-bundle`, for the workflow reader to judge;
 * a bundle of another version, or without a workflow, is refused. Its parts are not checked here:
 * the workflow goes to the workflow reader, the dataset to {@link readBundleDataset}.
 */
export function readBundleEnvelope(value: unknown): BundleEnvelope {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { kind: 'not-a-bundle' };
  const bundle = value as { format?: unknown; version?: unknown; workflow?: unknown; dataset?: unknown };
  if (bundle.format !== BUNDLE_FORMAT) return { kind: 'not-a-bundle' };
  if (bundle.version !== BUNDLE_VERSION) {
    return {
      kind: 'refused',
      reason: `a studio bundle of version ${String(bundle.version)}; this build reads version ${BUNDLE_VERSION}`,
    };
  }
  if (bundle.workflow === undefined) return { kind: 'refused', reason: 'a studio bundle without a workflow' };
  return {
    kind: 'bundle',
    workflow: bundle.workflow,
    ...(bundle.dataset !== undefined ? { dataset: bundle.dataset } : {}),
  };
}
