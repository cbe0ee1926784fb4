import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host';
import { DockerEngine } from '../../electron/core/engine/docker-engine';
import { socketPathOf } from '../../electron/core/engine/engine-endpoint';
import { openWorkspace } from '../../electron/core/workspace/workspace';
import { createServices } from '../../electron/services';
import { loadLab } from '../lab/lab-config';
import { ensureImage } from '../support/ensure-image';
import { launchChromium } from './chromium';

const lab = loadLab();
let host: BrowserHost;
let browser: Browser;
let engine: DockerEngine;
const name = `parity-e2e-shell-${process.pid}`;

beforeAll(async () => {
  // A temp copy of the lab workspace, so nothing here touches the one other tests use.
  const copy = mkdtempSync(join(tmpdir(), 'parity-e2e-tools-'));
  cpSync(lab.workspace, copy, { recursive: true });
  const workspace = await openWorkspace(copy, lab.engine.socket);
  host = await startBrowserHost({
    services: createServices({
      version: '0.0.0-e2e',
      mode: 'browser',
      workspace,
      dataDir: mkdtempSync(join(tmpdir(), 'parity-e2e-tools-data-')),
    }),
    rendererDir: resolve('out/renderer'),
  });
  browser = await launchChromium();
  engine = await DockerEngine.connect(socketPathOf(lab.engine.socket));
  await ensureImage(engine, lab.images.app['1.0.0']);
  const container = await engine.client.createContainer({
    Image: lab.images.app['1.0.0'],
    name,
    Entrypoint: ['busybox', 'sleep', '600'],
    Cmd: [],
  });
  await container.start();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await engine?.client.getContainer(name).remove({ force: true });
});

describe('the tools screens in Chromium, in browser mode', () => {
  it('the terminal opens a shell in a real container, runs a command and resizes with the panel', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
    await page.goto(host.url);
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Terminal' }).click();
    await page.getByRole('button', { name: `Open a shell in ${name}` }).click();
    const shell = page.getByTestId('shell-terminal');
    await expect.poll(() => shell.count()).toBe(1);
    // Typed into xterm's own textarea, as a person would.
    await shell.click();
    await page.keyboard.type('echo "from-the-shell $((6*7))"; echo "size=$(stty size | tr \' \' x)"\n');
    const rows = shell.locator('.xterm-rows');
    await expect.poll(() => rows.textContent(), { timeout: 15_000 }).toContain('from-the-shell 42');
    // stty reports the size the fit addon gave the panel, not the engine's 80×24 default.
    await expect.poll(() => rows.textContent()).toMatch(/size=\d+x\d+/);
    const size = /size=(\d+)x(\d+)/.exec((await rows.textContent()) ?? '');
    expect(Number(size?.[1])).toBeGreaterThan(1);
    expect(Number(size?.[2])).toBeGreaterThan(1);
    expect(Number(size?.[2])).not.toBe(80);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/terminal.png' });
    await page.keyboard.type('exit 5\n');
    await expect
      .poll(() => page.getByTestId('shell-exit').textContent())
      .toBe('The shell exited with code 5.');
  });
});
