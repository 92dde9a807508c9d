import {
  type IterationReport,
  mdCode,
  mdFence,
  mdText,
  type OptimizeReport,
  promptDiff,
  type UpdateReport,
} from '@backflow/engine';
import { answerTallyLines } from '@backflow/engine/prompts/answer-tally.ts';

const pct = (score: number | null) => (score === null ? '—' : `${(score * 100).toFixed(1)}%`);
const usd = (cost: number) => `$${cost.toFixed(4)}`;

function blameCell(blame: Record<string, number>): string {
  const entries = Object.entries(blame).sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return '—';
  return entries.map(([id, share]) => `${mdCode(id, true)} ${share.toFixed(2)}`).join(', ');
}

function updateSection(iteration: IterationReport, update: UpdateReport): string {
  const verdict = update.accepted ? 'accepted' : 'rejected';
  const reason = update.reason ? ` — ${mdText(update.reason)}` : '';
  const body =
    update.before === update.after
      ? '_(no change to the prompt)_'
      : mdFence(promptDiff(update.nodeId, update.before, update.after), 'diff');
  return `#### Iteration ${iteration.index} · ${mdCode(update.nodeId)} · ${verdict}${reason}\n\n${body}\n`;
}

/** Summary lines only some runs have: the recipe, ablation switches on, the held-out test score. */
function headlineExtras(report: OptimizeReport): string[] {
  const lines: string[] = [];
  if (report.recipe) lines.push(`- Recipe: ${mdCode(report.recipe)} (docs/recipes.md)`);
  const ablations = Object.entries((report.settings.ablations ?? {}) as Record<string, boolean>)
    .filter(([, on]) => on)
    .map(([name]) => mdCode(name));
  if (ablations.length > 0)
    lines.push(`- Ablations on: ${ablations.join(', ')} (not the published method; docs/algorithms.md)`);
  if (report.test)
    lines.push(
      `- Test score (held out, scored once after the run): **${pct(report.test.score)}** on ${report.test.examples} examples (${mdCode(report.test.file)})`,
    );
  return lines;
}

/** The report for people: summary, per-iteration table, every update with its prompt diff. */
export function renderReportMarkdown(report: OptimizeReport): string {
  const lines: string[] = [];
  lines.push(`# Optimization report: ${mdText(report.workflow.name)}`, '');
  if (report.simulated) {
    lines.push(
      "> **Simulated model (offline).** These scores come from Backflow's deterministic skill world,",
      '> not from a language model. They show the optimizer works; they say nothing about real models.',
      '',
    );
  }
  lines.push(
    `- Algorithm: **${mdText(report.algorithm)}**, seed ${report.seed}, ${report.iterations.length} iteration(s), stopped: ${mdText(String(report.stopReason))}`,
    `- Models: forward ${mdCode(report.models.forward)}, optimizer ${mdCode(report.models.optimizer)}`,
    `- Data: ${report.data.trainExamples} training and ${report.data.valExamples} validation examples (${mdCode(report.data.file)}${report.data.valFile ? `, ${mdCode(report.data.valFile)}` : ''})`,
    `- Validation score: ${pct(report.initial.valScore)} → **${pct(report.final.valScore)}**`,
    ...headlineExtras(report),
    `- Totals: ${report.totals.calls} calls (${report.totals.cachedCalls} cached, ${report.totals.failedCalls} failed), ${report.totals.tokens} tokens, ${usd(report.totals.costUsd)}, ${(report.totals.wallMs / 1000).toFixed(1)} s wall${report.resumes > 0 ? `, resumed ${report.resumes} time(s)` : ''}`,
    ...answerTallyLines(report.totals.answers),
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
  lines.push('', '## Prompt updates', '');
  const sections = report.iterations.flatMap((it) => it.updates.map((u) => updateSection(it, u)));
  lines.push(sections.length > 0 ? sections.join('\n') : '_No updates were proposed._\n');
  const failed = report.iterations.flatMap((it) => it.failedUpdates.map((f) => ({ index: it.index, ...f })));
  if (failed.length > 0) {
    lines.push('## Updates that failed', '', 'These nodes kept their prompt for that iteration:', '');
    for (const f of failed) lines.push(`- iteration ${f.index}, ${mdCode(f.nodeId)}: ${mdText(f.error)}`);
    lines.push('');
  }
  lines.push('## Final prompts', '');
  for (const [nodeId, prompt] of Object.entries(report.final.prompts)) {
    lines.push(`### ${mdCode(nodeId)}`, '', mdFence(prompt, 'text'), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
