// docs/recipes.md tabulates every recipe's settings with their sources; this keeps the two equal.
import { readFileSync } from 'node:fs';
import { findRecipe, recipes } from './catalog';
import { recipeFacts } from './test-support/facts';

const doc = readFileSync(new URL('../../../../docs/recipes.md', import.meta.url), 'utf8');

/** The `| setting | value | source |` table under `## <name>`, as setting -> [value, source]. */
function documented(name: string): Map<string, [string, string]> {
  const start = doc.indexOf(`\n## ${name}\n`);
  if (start < 0) throw new Error(`docs/recipes.md has no section "## ${name}"`);
  const end = doc.indexOf('\n## ', start + 1);
  const section = doc.slice(start, end < 0 ? undefined : end);
  const rows = section
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| setting ') && !l.startsWith('| ---'));
  return new Map(
    rows.map((row) => {
      const [setting, value, source] = row.slice(2, -2).split(' | ');
      return [setting!, [value!, source ?? '']];
    }),
  );
}

describe('docs/recipes.md', () => {
  it.each(recipes().map((r) => [r.name]))('%s: every setting, field by field, with a source', (name) => {
    const facts = recipeFacts(findRecipe(name));
    const table = documented(name);
    expect([...table.keys()].sort()).toEqual(Object.keys(facts).sort());
    for (const [setting, value] of Object.entries(facts)) {
      const [docValue, source] = table.get(setting)!;
      expect(docValue, setting).toBe(value);
      expect(source.trim(), `${setting} has a source`).not.toBe('');
    }
  });

  it('notices a setting that drifts from the docs', () => {
    const recipe = findRecipe('textgrad-gsm8k');
    const drifted = recipeFacts({ ...recipe, settings: { ...recipe.settings, iterations: 13 } });
    expect(documented('textgrad-gsm8k').get('iterations')![0]).not.toBe(drifted.iterations);
  });
});
