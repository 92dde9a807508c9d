/**
 * Prints the skill catalogue as a Markdown table, for docs/simulator.md:
 *
 *   pnpm exec tsx packages/sim/scripts/print-catalogue.ts
 */
import { SKILLS } from '../src/world/skills/catalogue';

const rows = SKILLS.map((skill) => {
  const params = skill.exampleParams;
  const phrasings = skill
    .phrasings(params ?? {})
    .map((p) => `"${p}"`)
    .join('<br>');
  const param = params?.n !== undefined ? 'N (number)' : params?.text !== undefined ? 'quoted literal' : '-';
  return `| \`${skill.id}\` | ${skill.summary.replaceAll('|', '\\|')} | ${param} | ${phrasings.replaceAll('|', '\\|')} |`;
});
console.log('| Skill | What it does | Parameter | Example phrasings |');
console.log('| --- | --- | --- | --- |');
for (const row of rows) console.log(row);
