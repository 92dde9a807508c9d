import { answerTallyLines, mdCode, mdFence, mdText } from '@backflow/engine';
import type { IterationReport, RunReport, UpdateReport } from './report-types';

const pct = (score: number | null) => (score === null ? '—' : `${(score * 100).toFixed(1)}%`);
const usd = (cost: number) => `$${cost.toFixed(4)}`;
function blameCell(blame: Record<string, number>): string {
  const entries = Object.entries(blame).sort((a, b) => b[1] - a[1]);
  return entries.length === 0
    ? '—'
    : entries.map(([id, share]) => `${mdCode(id, true)} ${share.toFixed(2)}`).join(', ');
}

function updateSection(it: IterationReport, u: UpdateReport): string {
  const verdict = u.accepted ? 'accepted' : 'rejected';
  const body = u.diff === '' ? '_(no change to the prompt)_' : mdFence(u.diff, 'diff');
  return `#### Iteration ${it.index} · ${mdCode(u.nodeId)} · ${verdict}${u.reason ? ` — ${mdText(u.reason)}` : ''}\n\n${body}\n`;
}

/**
 * The report for people, laid out like the CLI's report.md (summary, a table per iteration, every
 * update with its diff, final prompts) plus the studio's blame summary and each prompt's diff from
 * the start of the run. Starts with a "Simulated model" banner when the simulator answered. Text
 * from the run is never markup: prompts and diffs sit in fences, ids in code spans, the rest is
 * escaped ({@link mdText}), so a viewer that renders raw HTML still shows it as text.
 */
export function renderRunReportMarkdown(report: RunReport): string {
  const lines: string[] = [`# Optimization report: ${mdText(report.workflow.name)}`, ''];
  if (report.simulated) {
    lines.push(
      "> **Simulated model (offline).** These scores come from Backflow's deterministic skill world,",
      '> not from a language model. They show the optimizer works; they say nothing about real models.',
      '',
    );
  }
  if (report.budgetMessage) lines.push(`> **Stopped by the budget.** ${mdText(report.budgetMessage)}`, '');
  const t = report.totals;
  lines.push(
    `- Algorithm: **${mdText(report.algorithm)}**, seed ${report.seed}, ${report.iterations.length} iteration(s), status: ${mdText(report.status)}`,
    `- Models: forward ${mdCode(report.models.forward)}, optimizer ${mdCode(report.models.optimizer)}`,
    `- Validation score: ${pct(report.initial.valScore)} → **${pct(report.final.valScore)}**`,
    `- Totals: ${t.calls} calls (${t.cachedCalls} cached, ${t.failedCalls} failed), ${t.tokens} tokens, ${usd(t.costUsd)}`,
    ...answerTallyLines(t.answers),
    '',
    '## Iterations',
    '',
    '| # | train | val | blame | updates (accepted/proposed) | calls | tokens | cost |',
    '| ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |',
  );
  for (const it of report.iterations) {
    const accepted = it.updates.filter((u) => u.accepted).length;
    lines.push(
      `| ${it.index} | ${pct(it.trainScore)} | ${pct(it.valScore)} | ${blameCell(it.blame)} | ${accepted}/${it.updates.length} | ${it.calls} | ${it.tokens} | ${usd(it.costUsd)} |`,
    );
  }
  lines.push(
    '',
    '## Blame per node',
    '',
    '| node | mean | first iteration | max | times highest |',
    '| --- | ---: | ---: | ---: | ---: |',
  );
  for (const b of report.blameSummary) {
    lines.push(
      `| ${mdCode(b.nodeId, true)} | ${b.mean.toFixed(2)} | ${b.first.toFixed(2)} | ${b.max.toFixed(2)} | ${b.timesHighest} |`,
    );
  }
  lines.push('', '## Prompt updates', '');
  const sections = report.iterations.flatMap((it) => it.updates.map((u) => updateSection(it, u)));
  lines.push(sections.length > 0 ? sections.join('\n') : '_No updates were proposed._\n');
  const failed = report.iterations.flatMap((it) => it.failedUpdates.map((f) => ({ index: it.index, ...f })));
  if (failed.length > 0) {
    lines.push('## Updates that failed', '');
    for (const f of failed) lines.push(`- iteration ${f.index}, ${mdCode(f.nodeId)}: ${mdText(f.error)}`);
    lines.push('');
  }
  lines.push('## Final prompts (diff from the start)', '');
  for (const change of report.promptChanges) {
    lines.push(`### ${mdCode(change.nodeId)}`, '', mdFence(change.after, 'text'), '');
    lines.push(change.diff === '' ? '_Unchanged._' : mdFence(change.diff, 'diff'), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
