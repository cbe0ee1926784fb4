import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host';
import { execCapture } from '../../electron/core/engine/container-exec';
import { DockerEngine } from '../../electron/core/engine/docker-engine';
import { socketPathOf } from '../../electron/core/engine/engine-endpoint';
import { downStack } from '../../electron/core/stack/stack-down';
import { openWorkspace } from '../../electron/core/workspace/workspace';
import { createServices } from '../../electron/services';
import { prepareLocalWorkspace } from '../fixtures/snapshots/local-workspace';
import { loadLab } from '../lab/lab-config';
import { launchChromium } from './chromium';

const lab = loadLab();
/** A compose project of this test's own, on free ports: other tests run against the same engine now. */
const project = `parity-e2e-reset-${process.pid}`;
/** The shared machine runs at load average 20-80: PostgreSQL's first start alone took 136 s at 85. */
const LONG = { timeout: 420_000, interval: 250 };
let scratch: string;
let workspaceDir: string;
let host: BrowserHost;
let browser: Browser;
let engine: DockerEngine;

/** Runs SQL in the project's real database container, the way a developer's tool would write rows. */
async function sql(statement: string): Promise<string> {
  const [db] = await engine.client.listContainers({
    filters: {
      label: [`com.docker.compose.project=${project}`, 'com.docker.compose.service=db'],
      status: ['running'],
    },
  });
  if (!db) throw new Error(`no running db container in ${project}`);
  const result = await execCapture(engine, db.Id, {
    cmd: ['psql', '-U', 'postgres', '-d', 'app_db', '-v', 'ON_ERROR_STOP=1', '-tAc', statement],
  });
  expect(result.stderr).toBe('');
  return result.stdout.trim();
}
const rows = (): Promise<string> => sql("SELECT string_agg(body, ',' ORDER BY body) FROM notes");

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'parity-e2e-reset-'));
  workspaceDir = join(scratch, 'workspace');
  await prepareLocalWorkspace(lab, workspaceDir, project);
  // At load average 20-150 PostgreSQL's first start (initdb) outlasts the lab's 10 s grace and a probe
  // outlasts 2 s: failed probes in the start period do not count (the first passing one still ends it),
  // and a slow probe is waited for rather than counted as a failure.
  const compose = join(workspaceDir, 'docker-compose.yml');
  writeFileSync(
    compose,
    readFileSync(compose, 'utf8')
      .replace('start_period: 10s', 'start_period: 300s')
      .replace(/timeout: 2s/g, 'timeout: 60s'),
  );
  engine = await DockerEngine.connect(socketPathOf(lab.engine.socket));
  // The stack as a developer has it running: started health-gated by the CLI on the lab's engine.
  const up = spawnSync(process.execPath, ['bin/parity.js', 'up', '--quiet', '--workspace', workspaceDir], {
    env: { ...process.env, DOCKER_HOST: lab.engine.socket, PARITY_DATA_DIR: join(scratch, 'data') },
    encoding: 'utf8',
    timeout: 420_000,
  });
  expect(up.stderr).toBe('');
  expect(up.status, up.stdout).toBe(0);
  await sql("CREATE TABLE notes (body text); INSERT INTO notes VALUES ('baseline row')");
  host = await startBrowserHost({
    services: createServices({
      version: '0.0.0-e2e',
      mode: 'browser',
      // The workspace names the lab's engine: the app's handlers and its check use it, not DOCKER_HOST.
      workspace: await openWorkspace(workspaceDir, lab.engine.socket),
      dataDir: join(scratch, 'data'),
    }),
    rendererDir: resolve('out/renderer'),
  });
  browser = await launchChromium();
}, 480_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  if (engine) await downStack(engine, project, { volumes: true });
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}, 300_000);

async function resultText(page: Page): Promise<string> {
  // The result, or the problem the screen shows (its text makes a failure say why).
  if ((await page.getByTestId('reset-problem').count()) > 0)
    return `problem: ${await page.getByTestId('reset-problem').textContent()}`;
  if ((await page.getByTestId('reset-result').count()) > 0)
    return (await page.getByTestId('reset-result').textContent()) ?? '';
  return '';
}

describe('the Reset screen in Chromium, on the lab engine', () => {
  it('saves a baseline, resets to it after rows were written (they come back), and undoes the reset', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.goto(host.url);
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => page.getByTestId('no-baseline').count(), LONG).toBe(1);

    // Save baseline now, by name, through the UI.
    await page.getByLabel('Name (optional)').fill('known good');
    await page.getByRole('button', { name: 'Save baseline now' }).click();
    await expect.poll(() => page.getByText('Saved “known good”.').count(), LONG).toBe(1);
    expect(await page.getByTestId('last-known-good').textContent()).toMatch(/known good · \d+ min ago · /);

    await sql("INSERT INTO notes VALUES ('written later')");
    expect(await rows()).toBe('baseline row,written later');

    // Reset, by keyboard from the button on: the confirmation takes the focus and says what is kept.
    await page.getByRole('button', { name: 'Reset to last known-good' }).click();
    const confirm = page.getByRole('alertdialog');
    await expect.poll(() => confirm.count()).toBe(1);
    expect(await confirm.textContent()).toMatch(/saved first as a before-reset baseline, so nothing is lost/);
    expect(await confirm.textContent()).toMatch(/volumes restored \(sha256 verified\): db-data/);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Reset now');
    await page.keyboard.press('Enter');

    await expect.poll(() => resultText(page), LONG).toMatch(/^(Reset to “known good”|problem: )/);
    for (const step of ['save-before-reset', 'stop', 'restore-files', 'restore-volume:db-data', 'start']) {
      expect(await page.getByTestId(`step-${step}`).getAttribute('data-status')).toBe('done');
    }
    expect(await page.getByTestId('step-check').count()).toBe(1);
    expect(await page.getByTestId('reset-result').textContent()).toMatch(/volumes restored: db-data/);
    // The real database holds the baseline's rows again.
    expect(await rows()).toBe('baseline row');
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/reset.png' });
    mkdirSync('docs/screenshots', { recursive: true });
    cpSync('test-results/reset.png', 'docs/screenshots/reset.png');

    // Undo: the rows written after the baseline are back, from the before-reset snapshot.
    await page.getByRole('button', { name: 'Undo reset' }).click();
    await expect
      .poll(() => resultText(page), LONG)
      .toMatch(/^(Back to the state before the reset|problem: )/);
    expect(await rows()).toBe('baseline row,written later');
    expect(await page.getByTestId('baselines').textContent()).toMatch(/before reset/);
    expect(consoleErrors).toEqual([]);
  }, 900_000);
});
