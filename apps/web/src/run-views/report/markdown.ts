import type { IterationReport, RunReport, UpdateReport } from './report-types';

const pct = (score: number | null) => (score === null ? '—' : `${(score * 100).toFixed(1)}%`);
const usd = (cost: number) => `$${cost.toFixed(4)}`;
/** Markdown table cells must not break the row: pipes escaped, newlines folded. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
/** A fence longer than any backtick run inside, so a prompt cannot close its own block. */
function fence(text: string, lang: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const f = '`'.repeat(longest + 1);
  return `${f}${lang}\n${text}\n${f}`;
}

function blameCell(blame: Record<string, number>): string {
  const entries = Object.entries(blame).sort((a, b) => b[1] - a[1]);
  return entries.length === 0
    ? '—'
    : entries.map(([id, share]) => `${cell(id)} ${share.toFixed(2)}`).join(', ');
}

function updateSection(it: IterationReport, u: UpdateReport): string {
  const verdict = u.accepted ? 'accepted' : 'rejected';
  const body = u.diff === '' ? '_(no change to the prompt)_' : fence(u.diff, 'diff');
  return `#### Iteration ${it.index} · \`${u.nodeId}\` · ${verdict}${u.reason ? ` — ${cell(u.reason)}` : ''}\n\n${body}\n`;
}

/**
 * The report for people, laid out like the CLI's report.md (summary, a table per iteration, every
 * update with its diff, final prompts) plus the studio's blame summary and each prompt's diff from
 * the start of the run. Starts with a "Simulated model" banner when the simulator answered.
 */
export function renderRunReportMarkdown(report: RunReport): string {
  const lines: string[] = [`# Optimization report: ${cell(report.workflow.name)}`, ''];
  if (report.simulated) {
    lines.push(
      "> **Simulated model (offline).** These scores come from Backflow's deterministic skill world,",
      '> not from a language model. They show the optimizer works; they say nothing about real models.',
      '',
    );
  }
  if (report.budgetMessage) lines.push(`> **Stopped by the budget.** ${cell(report.budgetMessage)}`, '');
  const t = report.totals;
  lines.push(
    `- Algorithm: **${report.algorithm}**, seed ${report.seed}, ${report.iterations.length} iteration(s), status: ${report.status}`,
    `- Models: forward \`${report.models.forward}\`, optimizer \`${report.models.optimizer}\``,
    `- Validation score: ${pct(report.initial.valScore)} → **${pct(report.final.valScore)}**`,
    `- Totals: ${t.calls} calls (${t.cachedCalls} cached, ${t.failedCalls} failed), ${t.tokens} tokens, ${usd(t.costUsd)}`,
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
      `| \`${cell(b.nodeId)}\` | ${b.mean.toFixed(2)} | ${b.first.toFixed(2)} | ${b.max.toFixed(2)} | ${b.timesHighest} |`,
    );
  }
  lines.push('', '## Prompt updates', '');
  const sections = report.iterations.flatMap((it) => it.updates.map((u) => updateSection(it, u)));
  lines.push(sections.length > 0 ? sections.join('\n') : '_No updates were proposed._\n');
  const failed = report.iterations.flatMap((it) => it.failedUpdates.map((f) => ({ index: it.index, ...f })));
  if (failed.length > 0) {
    lines.push('## Updates that failed', '');
    for (const f of failed) lines.push(`- iteration ${f.index}, \`${f.nodeId}\`: ${cell(f.error)}`);
    lines.push('');
  }
  lines.push('## Final prompts (diff from the start)', '');
  for (const change of report.promptChanges) {
    lines.push(`### \`${change.nodeId}\``, '', fence(change.after, 'text'), '');
    lines.push(change.diff === '' ? '_Unchanged._' : fence(change.diff, 'diff'), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
