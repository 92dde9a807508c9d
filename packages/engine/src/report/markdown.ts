import { gepaMarkdown } from '../algorithms/gepa/report';
import { formatBlame } from '../backward/blame';
import { answerTallyLines } from '../prompts/answer-tally';
import { mdCode, mdFence, mdText } from './markdown-text';
import type { IterationReport, NodeEvidenceReport, OptimizeReport, UpdateReport } from './optimize-report';
import { promptDiff } from './prompt-diff';

const pct = (score: number | null) => (score === null ? '—' : `${(score * 100).toFixed(1)}%`);
const usd = (cost: number) => `$${cost.toFixed(4)}`;

function blameCell(blame: Record<string, number>): string {
  const entries = Object.entries(blame).sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return '—';
  return entries.map(([id, share]) => `${mdCode(id, true)} ${formatBlame(share)}`).join(', ');
}

function updateSection(iteration: IterationReport, update: UpdateReport): string {
  const verdict = update.accepted ? 'accepted' : 'rejected';
  const reason = update.reason ? ` — ${mdText(update.reason)}` : '';
  const diff = update.diff || promptDiff(update.nodeId, update.before, update.after);
  const body = diff === '' ? '_(no change to the prompt)_' : mdFence(diff, 'diff');
  return `#### Iteration ${iteration.index} · ${mdCode(update.nodeId)} · ${verdict}${reason}\n\n${body}\n`;
}

/**
 * The credit settings as the run was started with them: the backward step (GTBP and semantic
 * backprop; TextGrad has none) and the counterfactual check, as set.
 */
function creditLine(report: OptimizeReport): string {
  const { backwardMode, counterfactual = 'auto' } = report.settings as {
    backwardMode?: string;
    counterfactual?: string;
  };
  const parts: string[] = [];
  if (report.algorithm !== 'textgrad' && backwardMode) parts.push(`backward step ${mdCode(backwardMode)}`);
  const auto = counterfactual === 'auto' ? ' (on when the simulator answers)' : '';
  parts.push(`counterfactual check ${mdCode(counterfactual)}${auto}`);
  return `- Credit: ${parts.join(', ')}`;
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
  if (report.algorithm === 'sembp' && report.settings.sembpProtocol === 'paper')
    lines.push(
      "- Protocol: semantic backprop's paper protocol (errors and the gate on the whole training split, predictions reused)",
    );
  if (report.test)
    lines.push(
      `- Test score (held out, scored once after the run): **${pct(report.test.score)}** on ${report.test.examples} examples (${mdCode(report.test.file)})`,
    );
  return lines;
}

function header(report: OptimizeReport): string[] {
  const lines = [`# Optimization report: ${mdText(report.workflow.name)}`, ''];
  if (report.simulated) {
    lines.push(
      "> **Simulated model (offline).** These scores come from Backflow's deterministic skill world,",
      '> not from a language model. They show the optimizer works; they say nothing about real models.',
      '',
    );
  }
  if (report.budgetMessage) lines.push(`> **Stopped by the budget.** ${mdText(report.budgetMessage)}`, '');
  const t = report.totals;
  const d = report.data;
  const stopped = report.stopReason ?? 'not yet (the run is still going)';
  lines.push(
    `- Algorithm: **${mdText(report.algorithm)}**, seed ${report.seed}, ${report.iterations.length} iteration(s), stopped: ${mdText(stopped)}`,
    `- Models: forward ${mdCode(report.models.forward)}, optimizer ${mdCode(report.models.optimizer)}`,
    creditLine(report),
    `- Data: ${d.trainExamples} training and ${d.valExamples} validation examples (${mdCode(d.file)}${d.valFile ? `, ${mdCode(d.valFile)}` : ''})`,
    `- Validation score: ${pct(report.initial.valScore)} → **${pct(report.final.valScore)}**`,
    ...headlineExtras(report),
    `- Totals: ${t.calls} calls (${t.cachedCalls} cached, ${t.failedCalls} failed), ${t.tokens} tokens${cachedInputNote(t)}, ${usd(t.costUsd)}, ${(t.wallMs / 1000).toFixed(1)} s wall${report.resumes > 0 ? `, resumed ${report.resumes} time(s)` : ''}`,
    ...answerTallyLines(t.answers),
    '',
  );
  return lines;
}

/** " (N input tokens from the provider's prompt cache)", when the provider reported any. */
function cachedInputNote(t: OptimizeReport['totals']): string {
  const cached = t.cachedInputTokens ?? 0;
  return cached > 0 ? ` (${cached} of ${t.inputTokens} input tokens from the provider's prompt cache)` : '';
}

function iterationTable(report: OptimizeReport): string[] {
  const lines = [
    '## Iterations',
    '',
    '| # | train | val | blame | updates (accepted/proposed) | calls | tokens | cost |',
    '| ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |',
  ];
  for (const it of report.iterations) {
    const accepted = it.updates.filter((u) => u.accepted).length;
    lines.push(
      `| ${it.index} | ${pct(it.trainScore)} | ${pct(it.valScore)} | ${blameCell(it.blame)} | ${accepted}/${it.updates.length} | ${it.calls} | ${it.tokens} | ${usd(it.costUsd)} |`,
    );
  }
  lines.push('');
  return lines;
}

function blameTable(report: OptimizeReport): string[] {
  if (!report.blameSummary || report.blameSummary.length === 0) return [];
  const lines = [
    '## Blame per node',
    '',
    'Blame = (examples on which the node was asked to change + examples on which it kept the discrepancy) / (2 × error-batch examples).',
    '',
    '| node | mean | first iteration | max | times highest | asked to change | kept | of |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const b of report.blameSummary) {
    lines.push(
      `| ${mdCode(b.nodeId, true)} | ${b.mean.toFixed(2)} | ${b.first.toFixed(2)} | ${b.max.toFixed(2)} | ${b.timesHighest} | ${b.changed} | ${b.own} | ${b.total} |`,
    );
  }
  lines.push('');
  return lines;
}

const ids = (list: readonly string[]) =>
  list.length === 0 ? 'none' : list.map((id) => mdCode(id)).join(', ');

/** One line per blamed or checked node: the examples behind its figure, and what its update fixes. */
export function evidenceLine(nodeId: string, figure: number, e: NodeEvidenceReport): string {
  const cf = e.counterfactual;
  const check = cf
    ? `; its update alone fixes ${cf.fixed.length} of ${cf.checked.length} failing (${ids(cf.fixed)})`
    : '';
  return `- ${mdCode(nodeId)} blame ${formatBlame(figure)}: asked to change on ${ids(e.askedOn)}; kept the discrepancy on ${ids(e.keptOn)}${check}`;
}

function evidenceSections(report: OptimizeReport): string[] {
  const lines: string[] = [];
  for (const it of report.iterations) {
    const rows = Object.entries(it.evidence ?? {})
      .filter(([, e]) => e.askedOn.length > 0 || e.counterfactual)
      .sort((a, b) => (it.blame[b[0]] ?? 0) - (it.blame[a[0]] ?? 0))
      .map(([nodeId, e]) => evidenceLine(nodeId, it.blame[nodeId] ?? 0, e));
    if (rows.length > 0) lines.push(`### Iteration ${it.index}`, '', ...rows, '');
  }
  return lines.length === 0 ? [] : ['## Evidence behind the blame', '', ...lines];
}

function finalPrompts(report: OptimizeReport): string[] {
  const lines: string[] = [];
  const changes = report.promptChanges;
  if (changes) {
    lines.push('## Final prompts (diff from the start)', '');
    for (const change of changes) {
      lines.push(`### ${mdCode(change.nodeId)}`, '', mdFence(change.after, 'text'), '');
      lines.push(change.diff === '' ? '_Unchanged._' : mdFence(change.diff, 'diff'), '');
    }
    return lines;
  }
  lines.push('## Final prompts', '');
  for (const [nodeId, prompt] of Object.entries(report.final.prompts)) {
    lines.push(`### ${mdCode(nodeId)}`, '', mdFence(prompt, 'text'), '');
  }
  return lines;
}

/**
 * THE report for people (the CLI's report.md, the studio's Markdown export): summary, a row per
 * iteration, the blame per node with its counts, the evidence behind each iteration's blame (the
 * examples, and what each update alone fixes), every update with its prompt diff, failed
 * updates, the final prompts with their diff from the start. Starts with a "Simulated model"
 * banner when the simulator answered. Run text is never markup: prompts and diffs sit in fences,
 * ids in code spans, the rest is escaped ({@link mdText}).
 */
export function renderReportMarkdown(report: OptimizeReport): string {
  const lines = [
    ...header(report),
    ...iterationTable(report),
    ...gepaMarkdown(report.gepa),
    ...blameTable(report),
    ...evidenceSections(report),
  ];
  lines.push('## Prompt updates', '');
  const sections = report.iterations.flatMap((it) => it.updates.map((u) => updateSection(it, u)));
  lines.push(sections.length > 0 ? sections.join('\n') : '_No updates were proposed._\n');
  const failed = report.iterations.flatMap((it) => it.failedUpdates.map((f) => ({ index: it.index, ...f })));
  if (failed.length > 0) {
    lines.push('## Updates that failed', '', 'These nodes kept their prompt for that iteration:', '');
    for (const f of failed) lines.push(`- iteration ${f.index}, ${mdCode(f.nodeId)}: ${mdText(f.error)}`);
    lines.push('');
  }
  lines.push(...finalPrompts(report));
  return `${lines.join('\n').trimEnd()}\n`;
}
