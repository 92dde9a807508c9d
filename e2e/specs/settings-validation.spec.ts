import { expect, test } from '@playwright/test';
import { OptimizePage } from '../pages/optimize';

// Endpoint settings are checked as they are typed and applied only once valid; the Optimize form
// says what is wrong in a sentence. Nothing here reaches a network.

test('a bad base URL, credentials in a URL or a huge timeout are explained and never applied', async ({
  page,
}) => {
  const o = new OptimizePage(page);
  await o.openFixture(/^Chain3 receipt — broken-2/);
  await o.studio.openModels();
  await page.getByLabel('Forward model provider').selectOption('ollama');
  const url = page.getByLabel('Forward model base URL');
  const problem = page.getByTestId('settings-problem');
  await expect(url).toHaveValue('http://127.0.0.1:11434/v1');
  await expect(problem).toHaveCount(0);

  await url.fill('javascript:alert(1)');
  await expect(problem).toContainText('Base URL must be an http(s) URL');
  await expect(problem).not.toContainText('CORS');
  await url.fill('http://[::1/v1');
  await expect(problem).toContainText('is not a valid URL');
  await url.fill('http://me:hunter2-secret@127.0.0.1:11434/v1');
  await expect(problem).toContainText('must not carry a user name or password');
  await expect(problem).not.toContainText('hunter2-secret');
  // "Test connection" on unusable settings calls nothing and says the same.
  await page.getByTestId('settings-forward-model').getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByTestId('connection-result')).toContainText('must not carry a user name or password');
  await expect(page.getByTestId('connection-result')).not.toContainText('hunter2-secret');

  await url.fill('http://127.0.0.1:11434/v1');
  await expect(problem).toHaveCount(0);
  await page.getByLabel('Forward model timeout').fill('99999999999');
  await expect(problem).toContainText('Timeout must be at most 3600 seconds');
  await page.keyboard.press('Escape');

  // Reopened, the dialog shows the last valid settings: the bad ones were never applied (or stored).
  await o.studio.openModels();
  await expect(page.getByLabel('Forward model base URL')).toHaveValue('http://127.0.0.1:11434/v1');
  await expect(page.getByLabel('Forward model timeout')).toHaveValue('60');
  await expect(problem).toHaveCount(0);
  await page.keyboard.press('Escape');
  expect(o.studio.errors).toEqual([]);
});

test('zero or negative values in the Optimize form get a plain sentence and start nothing', async ({
  page,
}) => {
  const o = new OptimizePage(page);
  await o.openFixture(/^Chain3 receipt — broken-2/);
  await o.openPanel();
  await o.panel.getByLabel('Minibatch size').fill('0');
  await expect(o.panel.getByText('Minibatch size must be a whole number of at least 1.')).toBeVisible();
  await o.panel.getByLabel('Max calls').fill('-5');
  await expect(o.panel.getByText(/The call budget must be more than 0/)).toBeVisible();
  await expect(o.panel.getByText(/too_small|"code"|expected/)).toHaveCount(0);
  await o.panel.getByRole('button', { name: 'Start optimization' }).click();
  await expect(page.getByTestId('optimize-message')).toContainText(
    'Minibatch size must be a whole number of at least 1.',
  );
  // No run was created: nothing was stored or sent.
  await expect(o.meter).toHaveAttribute('data-events', '0');
});
