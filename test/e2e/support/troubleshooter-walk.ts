import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const LONG = { timeout: 180_000, interval: 250 };

export interface TroubleshooterFix {
  /** The finding's button text and the evidence as the page showed them before the fix. */
  finding: string;
  marked: string[];
  /** "before → after (passing)" as the fix panel shows it. */
  score: string;
  after: string;
}

/**
 * In the Troubleshooter: compares with staging again, picks the finding of `kind`, takes its screenshot,
 * clicks "Fix it" once and waits for the fix panel's before/after. Screenshots: troubleshooter-drift.png
 * (the finding and its evidence) and troubleshooter.png (fixed, with the new score).
 */
export async function fixWithOneClick(
  page: Page,
  kind: string,
  shots = 'test-results',
): Promise<TroubleshooterFix> {
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: 'Troubleshooter' })
    .click();
  await expect.poll(() => page.getByTestId('troubleshooter').count()).toBe(1);
  await expect.poll(() => page.getByRole('button', { name: 'Check again' }).isEnabled(), LONG).toBe(true);
  await page.getByRole('button', { name: 'Check again' }).click();
  const finding = page.locator(`[data-testid="finding"][data-kind="${kind}"]`);
  await expect
    .poll(async () => {
      if ((await page.getByTestId('check-failed').count()) > 0) {
        return `failed: ${await page.getByTestId('check-failed').textContent()}`;
      }
      return finding.count();
    }, LONG)
    .toBe(1);
  await finding.click();
  const marked = await page.getByTestId('evidence').locator('mark').allTextContents();
  await page.getByRole('button', { name: 'Show me the command' }).click();
  await page.screenshot({ path: `${shots}/troubleshooter-drift.png`, fullPage: true });
  const findingText = (await finding.textContent()) ?? '';

  await page.getByRole('button', { name: 'Fix it' }).click();
  const panel = page.getByTestId('fix-panel');
  await expect
    .poll(async () => {
      const status = await panel.getAttribute('data-status');
      if (status === 'failed') return `failed: ${await page.getByTestId('fix-failed').textContent()}`;
      return status;
    }, LONG)
    .toBe('fixed');
  await expect.poll(() => page.getByTestId('fix-score').count(), LONG).toBe(1);
  await page.screenshot({ path: `${shots}/troubleshooter.png`, fullPage: true });
  return {
    finding: findingText,
    marked: marked.map((line) => line.trim()),
    score: (await page.getByTestId('fix-score').textContent()) ?? '',
    after: (await page.getByTestId('fix-after').textContent()) ?? '',
  };
}
