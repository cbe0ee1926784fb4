import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export interface WizardWalk {
  /** The workspace folder to open from the welcome screen. */
  workspace: string;
  /** The SSH identity for staging, set on the settings screen. */
  identity: string;
  /** Where the per-screen screenshots go. */
  shots?: string;
}

const LONG = { timeout: 120_000, interval: 250 };

/**
 * Walks the app from the welcome screen through Settings and the whole setup wizard to Ready, through
 * whatever the page's host is wired to (the lab in the e2e tests), taking a screenshot of every screen.
 * Resolves with the score Ready shows.
 */
export async function walkWizardToReady(page: Page, walk: WizardWalk): Promise<string> {
  const shots = walk.shots ?? 'test-results';
  mkdirSync(shots, { recursive: true });
  const shot = (name: string): Promise<Buffer> =>
    page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  const stepIs = (title: string): Promise<void> =>
    expect.poll(() => page.getByTestId('step-title').textContent(), LONG).toBe(title);

  await expect.poll(() => page.getByTestId('welcome').count()).toBe(1);
  await shot('welcome');
  await page.getByLabel('Folder with parity.yml').fill(walk.workspace);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await stepIs('Host check');

  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('SSH identity file').fill(walk.identity);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toBe('Saved.');
  await shot('settings');
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Setup' }).click();

  await stepIs('Host check');
  await page.getByRole('button', { name: 'Check this host' }).click();
  await stepIs('Pull images');
  await shot('setup-host');

  await page.getByRole('button', { name: 'Pull the images' }).click();
  await stepIs('Start stack');
  for (const service of ['app', 'db']) {
    expect(await page.getByTestId(`pull-state-${service}`).textContent()).toBe('digest verified');
  }
  await shot('setup-pull');

  await page.getByRole('button', { name: 'Start the stack' }).click();
  await stepIs('Seed');
  expect(await page.getByTestId('service-state-db').textContent()).toBe('healthy');
  expect(await page.getByTestId('service-state-app').textContent()).toBe('healthy');
  await shot('setup-start');

  await page.getByRole('button', { name: 'Seed the database' }).click();
  await stepIs('Compare with staging');
  expect(await page.getByTestId('seed-checksum').textContent()).toMatch(/^Checksum \S+ /);
  await shot('setup-seed');

  await page.getByRole('button', { name: 'Compare with staging' }).click();
  await expect.poll(() => page.getByTestId('host-fingerprint').count(), LONG).toBe(1);
  expect(await page.getByTestId('host-fingerprint').textContent()).toMatch(/^SHA256:/);
  await shot('setup-compare-hostkey');
  await page.getByRole('button', { name: 'Trust this fingerprint' }).click();
  // Ready, or the failure the wizard shows (its text makes the test's failure say why).
  await expect
    .poll(async () => {
      if ((await page.getByTestId('step-failure').count()) > 0) {
        return `failed: ${await page.getByTestId('step-failure').textContent()}`;
      }
      return page.getByTestId('step-title').textContent();
    }, LONG)
    .toMatch(/^(Ready|failed: .*)$/);
  await shot('setup-compare');
  expect(await page.getByTestId('step-failure').count()).toBe(0);
  await stepIs('Ready');
  await shot('ready');
  return (await page.getByTestId('ready-score').textContent()) ?? '';
}
