import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host';
import { DockerEngine } from '../../electron/core/engine/docker-engine';
import { probeEngine } from '../../electron/core/engine/engine-probe';
import { socketPathOf } from '../../electron/core/engine/engine-endpoint';
import { openWorkspace } from '../../electron/core/workspace/workspace';
import { createServices } from '../../electron/services';
import { loadLab } from '../lab/lab-config';
import { ensureImage } from '../support/ensure-image';
import { launchChromium } from './chromium';

const lab = loadLab();
let host: BrowserHost;
let browser: Browser;

beforeAll(async () => {
  const workspace = await openWorkspace(lab.workspace, lab.engine.socket);
  host = await startBrowserHost({
    services: createServices({
      version: '0.0.0-e2e',
      mode: 'browser',
      workspace,
      dataDir: mkdtempSync(join(tmpdir(), 'parity-e2e-data-')),
    }),
    rendererDir: resolve('out/renderer'),
  });
  browser = await launchChromium();
});

const created: string[] = [];

afterAll(async () => {
  await browser?.close();
  await host?.close();
  const engine = await DockerEngine.connect(socketPathOf(lab.engine.socket));
  for (const id of created) await engine.client.getContainer(id).remove({ force: true });
});

describe('the real UI in Chromium, in browser mode', () => {
  it('shows the version of the real lab engine and saves a screenshot', async () => {
    const expected = await probeEngine(socketPathOf(lab.engine.socket));
    const page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });

    await page.goto(host.url);

    await expect.poll(() => page.getByTestId('engine-version').textContent()).toBe(expected.version);
    expect(await page.getByTestId('engine-api').textContent()).toBe(expected.apiVersion);
    expect(await page.getByTestId('workspace-name').textContent()).toBe('parity-lab');
    // The doctor judged the lab's engine for the lab's images: nothing to fix on this host.
    await expect
      .poll(() => page.getByTestId('host-verdict').textContent())
      .toBe('This host can run the stack.');
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/browser-mode-home.png', fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  it('without the token the page loads but the API refuses it, and the UI says so', async () => {
    const page = await browser.newPage();
    await page.goto(host.url.replace(/\?token=.*/, ''));
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('refused');
  });

  it('follows a real container’s logs live in the terminal', async () => {
    const engine = await DockerEngine.connect(socketPathOf(lab.engine.socket));
    await ensureImage(engine, lab.images.app['1.0.0']);
    const name = `parity-e2e-logs-${process.pid}`;
    const container = await engine.client.createContainer({
      Image: lab.images.app['1.0.0'],
      name,
      Entrypoint: [
        'busybox',
        'sh',
        '-c',
        'echo "hello from $HOSTNAME ✓"; i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 1; done',
      ],
      Cmd: [],
    });
    created.push(container.id);
    await container.start();

    const page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
    await page.goto(host.url);
    await page.getByRole('button', { name: `Show logs of ${name}` }).click();
    const terminal = page.getByTestId('stream-terminal');
    // One tick a second: the greeting stays in the panel's visible rows for a dozen seconds, long enough
    // for a loaded machine, while the ticks prove the stream is live.
    const rows = (): Promise<string | null> => terminal.locator('.xterm-rows').textContent();
    await expect.poll(rows, { timeout: 10_000 }).toContain('hello from');
    await expect.poll(rows, { timeout: 10_000 }).toMatch(/tick [3-9]/);
    await page.screenshot({ path: 'test-results/terminal-logs.png' });

    await page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => terminal.count()).toBe(0);
  });

  it('switches workspaces: a bad parity.yml is refused with its line, a good one opens', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'parity-e2e-bad-'));
    cpSync(lab.workspace, bad, { recursive: true });
    const contract = join(bad, 'parity.yml');
    writeFileSync(contract, readFileSync(contract, 'utf8').replace('threshold:', 'treshold:'));
    const good = mkdtempSync(join(tmpdir(), 'parity-e2e-good-'));
    cpSync(lab.workspace, good, { recursive: true });
    writeFileSync(
      join(good, 'parity.yml'),
      readFileSync(join(good, 'parity.yml'), 'utf8').replace('name: parity-lab', 'name: second-app'),
    );

    const page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Switch workspace' }).click();
    await page.getByLabel('Folder with parity.yml').fill(bad);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const alert = page.getByTestId('workspace-picker').getByRole('alert');
    await expect
      .poll(() => alert.textContent())
      .toMatch(/parity\.yml:\d+:1 {2}treshold: unknown key "treshold" — did you mean "threshold"\?/);
    await page.screenshot({ path: 'test-results/workspace-picker-error.png' });
    expect(await page.getByTestId('workspace-name').textContent()).toBe('parity-lab');

    await page.getByLabel('Folder with parity.yml').fill(good);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => page.getByTestId('workspace-name').textContent()).toBe('second-app');
    await page.getByRole('button', { name: 'Switch workspace' }).click();
    await page.getByRole('button', { name: /parity-lab.*the demo lab/ }).click();
    await expect.poll(() => page.getByTestId('workspace-name').textContent()).toBe('parity-lab');
  });
});
