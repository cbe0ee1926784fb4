import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium';

// `npm start` = build + lab:up (both done by npm test already) + this launcher. Where Electron's binary is
// missing, as here, it must say so in one line and serve the UI in browser mode.
let child: ChildProcessWithoutNullStreams;
let browser: Browser;
let firstLine: string;

beforeAll(async () => {
  child = spawn(process.execPath, ['out/main/start.js'], {
    env: { ...process.env, PARITY_BROWSER_MODE: '' },
  });
  const lines = createInterface({ input: child.stdout });
  firstLine = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`start exited with ${code}`)));
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  child?.kill('SIGTERM');
});

describe('npm start where Electron’s binary is missing', () => {
  it('prints one line with the browser-mode URL, and that page loads the workspace', async () => {
    const match = /browser mode: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)$/.exec(firstLine);
    expect(firstLine).toContain("Electron's binary is not installed here");
    expect(match).not.toBeNull();
    const url = match?.[1] ?? '';

    const response = await fetch(url);
    expect(response.status).toBe(200);

    const page = await browser.newPage();
    await page.goto(url);
    await expect.poll(() => page.getByTestId('workspace-name').textContent()).toBe('parity-lab');
    await expect.poll(() => page.getByTestId('engine-version').textContent()).toMatch(/^\d+\.\d+/);
  });
});
