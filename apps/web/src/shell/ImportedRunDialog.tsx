/** The dialog an imported CLI run opens in (lazy: it pulls in the run views). */
import { ImportedRunView } from '../run-views/components/ImportedRunView';
import { useStudio } from '../store/react';
import { Dialog } from '../ui/Dialog';

export default function ImportedRunDialog({ onClose }: { onClose: () => void }) {
  const run = useStudio((s) => s.importedRun);
  if (!run) return null;
  return (
    <Dialog
      title={`CLI run: ${run.report.workflow.name} (${run.files.join(' + ')})`}
      onClose={onClose}
      wide
      testId="imported-run-dialog"
    >
      <ImportedRunView run={run} />
    </Dialog>
  );
}
