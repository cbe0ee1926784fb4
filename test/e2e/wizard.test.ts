import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host';
import { loadContract } from '../../electron/core/contract/load-contract';
import { DockerEngine } from '../../electron/core/engine/docker-engine';
import { execCapture } from '../../electron/core/engine/container-exec';
import { socketPathOf } from '../../electron/core/engine/engine-endpoint';
import { runSeed } from '../../electron/core/seed/run-seed';
import { createServices } from '../../electron/services';
import { prepareLocalWorkspace } from '../fixtures/snapshots/local-workspace';
import { loadLab } from '../lab/lab-config';
import { launchChromium } from './chromium';
import { walkWizardToReady } from './support/wizard-walk';

const lab = loadLab();
const project = `parity-e2e-wizard-${process.pid}`;
let scratch: string;
let workspace: string;
let dataDir: string;
let host: BrowserHost;
let browser: Browser;
let stagingEngine: DockerEngine | undefined;
/** The lab's shared staging database: seeded for this walk (a real staging holds its data), emptied after. */
const STAGING_DB = 'parity-lab-db-1';
const savedDockerHost = process.env['DOCKER_HOST'];

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'parity-e2e-wizard-'));
  workspace = join(scratch, 'workspace');
  await prepareLocalWorkspace(lab, workspace, project);
  // Staging as a new hire meets it: deployed and seeded with the contract's seed (SEED_RANDOM as pinned).
  const { contract: labContract } = await loadContract(join(lab.workspace, 'parity.yml'));
  if (labContract.seed === undefined) throw new Error('the lab contract has no seed');
  stagingEngine = await DockerEngine.connect(socketPathOf(lab.staging.engine.socket));
  await runSeed(stagingEngine, STAGING_DB, labContract.seed, { write: () => {} });
  // The first comparison must ask to confirm staging's fingerprint: this copy pins none.
  const contract = join(workspace, 'parity.yml');
  writeFileSync(contract, readFileSync(contract, 'utf8').replace(/^\s*hostKey: .*\n/m, ''));
  // The in-process services reach the lab's engine the way the CLI does: through DOCKER_HOST.
  process.env['DOCKER_HOST'] = lab.engine.socket;
  dataDir = join(scratch, 'data');
  host = await startBrowserHost({
    services: createServices({ version: '0.0.0-e2e', mode: 'browser', workspace: null, dataDir }),
    rendererDir: resolve('out/renderer'),
  });
  browser = await launchChromium();
});

afterAll(async () => {
  if (stagingEngine !== undefined) {
    await execCapture(stagingEngine, STAGING_DB, {
      cmd: ['psql', '-U', 'postgres', '-d', 'app_db', '-qc', 'DROP TABLE IF EXISTS customers'],
      env: {},
    });
  }
  await browser?.close();
  await host?.close();
  if (workspace) {
    spawnSync(process.execPath, ['bin/parity.js', 'down', '--volumes', '--workspace', workspace, '--quiet'], {
      env: { ...process.env, DOCKER_HOST: lab.engine.socket },
      timeout: 90_000,
    });
  }
  if (savedDockerHost === undefined) delete process.env['DOCKER_HOST'];
  else process.env['DOCKER_HOST'] = savedDockerHost;
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('the setup wizard in Chromium, on the lab', () => {
  it('walks Welcome → Setup (host, pull, start, seed, compare with a confirmed host key) → Ready with a passing score', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.goto(host.url);
    const score = await walkWizardToReady(page, { workspace, identity: lab.staging.ssh.identityFile });
    expect(Number(score.replace('%', ''))).toBeGreaterThanOrEqual(98);
    expect(await page.getByTestId('time-to-ready').textContent()).toMatch(/^\d+ s$/);

    // The trust is main-side, per workspace: the wizard state and the trusted key are in the data folder.
    const trusted = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as {
      sshIdentity: string;
    };
    expect(trusted.sshIdentity).toBe(lab.staging.ssh.identityFile);

    // Resumable: a fresh page (a restart of the UI) opens the wizard where it stopped, on Ready.
    const again = await browser.newPage({ viewport: { width: 1024, height: 700 } });
    await again.goto(host.url);
    await again.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Setup' }).click();
    await expect.poll(() => again.getByTestId('step-title').textContent()).toBe('Ready');

    await again
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('button', { name: 'Dashboard' })
      .click();
    await expect.poll(() => again.getByTestId('dashboard-score').textContent()).toBe(score);
    await again.screenshot({ path: 'test-results/dashboard.png', fullPage: true });
    for (const [id, name] of [
      ['Troubleshooter', 'troubleshooter'],
      ['Reset', 'reset'],
    ] as const) {
      await again.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: id }).click();
      await again.screenshot({ path: `test-results/${name}.png` });
    }
    mkdirSync('docs/screenshots', { recursive: true });
    for (const name of ['welcome', 'setup-pull', 'setup-start', 'ready', 'dashboard', 'settings']) {
      cpSync(`test-results/${name}.png`, `docs/screenshots/${name}.png`);
    }
    expect(consoleErrors).toEqual([]);
  }, 300_000);
});
