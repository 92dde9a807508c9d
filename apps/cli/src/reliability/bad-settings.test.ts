/**
 * The settings part of the bad-input corpus (e2e/fixtures/bad/settings-*.json): every malformed
 * model base URL is refused with a message that says what a valid one looks like.
 */
import { readFileSync } from 'node:fs';
import { readProviderOptions } from '../providers/provider-options';

interface SettingsCase {
  file: string;
  kind: string;
  message: string;
}

const badDir = new URL('../../../../e2e/fixtures/bad/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', badDir), 'utf8')) as {
  cases: SettingsCase[];
};
const cases = manifest.cases.filter((c) => c.kind === 'settings');

describe('bad provider settings (e2e/fixtures/bad)', () => {
  it('has the settings cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(4);
  });

  it.each(cases.map((c) => [c.file, c] as const))('refuses %s with a precise message', (_file, c) => {
    const { baseUrl } = JSON.parse(readFileSync(new URL(c.file, badDir), 'utf8')) as { baseUrl: string };
    expect(() => readProviderOptions({ provider: 'openai', 'base-url': baseUrl })).toThrow(c.message);
    expect(() => readProviderOptions({ provider: 'openai', 'base-url': baseUrl })).toThrow(baseUrl);
  });
});
