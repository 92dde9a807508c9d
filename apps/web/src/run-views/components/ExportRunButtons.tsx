/**
 * Export buttons for a run: report.json (the CLI's schema plus studio fields), report.md, and the
 * optimized workflow (canonical JSON the studio and `backflow validate` read). Keys never leave:
 * the report builder scrubs them and the workflow goes through the bundle's `stripSecrets`.
 */
import {
  type CallRecord,
  renderReportMarkdown,
  type SessionEvent,
  serializeCanonical,
  type Workflow,
} from '@backflow/engine';
import { memo } from 'react';
import { stripSecrets } from '../../persistence/bundle';
import { download } from '../../ui/download';
import { exportFileName } from '../../ui/file-name';
import { buildRunReport, type RunReportContext } from '../report/build-report';
import { BUTTON } from './primitives';

export interface ExportRunButtonsProps {
  events: readonly SessionEvent[];
  calls: readonly CallRecord[];
  workflowBefore: Workflow;
  workflowAfter: Workflow;
  /** The run's facts (settings, data sizes, resumes) and labels. */
  context: RunReportContext;
  /** File name stem, e.g. the run id (default: the workflow id). */
  fileStem?: string;
}

/** The three files as {name, type, text} (pure; the buttons download them). */
export function runExportFiles(
  props: ExportRunButtonsProps,
): Record<'json' | 'md' | 'workflow', { name: string; type: string; text: string }> {
  // The workflow's name, what the file is, the run (two runs of one day differ) and its date.
  const run = props.fileStem ? ` run ${props.fileStem.replace(/^run[-_]?/i, '').slice(0, 8)}` : '';
  const at = props.context.facts.startedAt;
  const name = props.workflowBefore.name || props.workflowBefore.id;
  const report = buildRunReport(
    props.events,
    props.calls,
    props.workflowBefore,
    props.workflowAfter,
    props.context,
  );
  return {
    json: {
      name: exportFileName(name, `report${run}`, at, 'json'),
      type: 'application/json',
      text: `${JSON.stringify(report, null, 2)}\n`,
    },
    md: {
      name: exportFileName(name, `report${run}`, at, 'md'),
      type: 'text/markdown',
      text: renderReportMarkdown(report),
    },
    workflow: {
      name: exportFileName(name, `optimized${run}`, at, 'workflow.json'),
      type: 'application/json',
      text: serializeCanonical(stripSecrets(props.workflowAfter)),
    },
  };
}

/** "Report (JSON)", "Report (Markdown)", "Optimized workflow". The report is built on click. */
export const ExportRunButtons = memo(function ExportRunButtons(props: ExportRunButtonsProps) {
  const save = (kind: 'json' | 'md' | 'workflow') => download(runExportFiles(props)[kind]);
  return (
    <fieldset
      className="flex flex-wrap gap-2 border-0 p-0"
      data-testid="export-run"
      aria-label="Export this run"
    >
      <button type="button" className={BUTTON} onClick={() => save('json')}>
        Report (JSON)
      </button>
      <button type="button" className={BUTTON} onClick={() => save('md')}>
        Report (Markdown)
      </button>
      <button type="button" className={BUTTON} onClick={() => save('workflow')}>
        Optimized workflow
      </button>
    </fieldset>
  );
});
