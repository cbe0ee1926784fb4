import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatFindings,
  judge,
  loadAllowlist,
  REPO_ROOT,
  scan,
  stageApp,
  type AllowlistEntry,
  type ScanReport,
} from './electronegativity';
import { checkWebPreferences, formatViolations } from './web-preferences-policy';

/**
 * Electronegativity exits 0 whatever it finds, so we read its report ourselves: any HIGH or MEDIUM finding (and any
 * nodeIntegration finding) must be justified in electronegativity-allowlist.json, or the run fails. The last block
 * proves the gate bites, on copies of our own main.ts with the hardening taken away.
 */
let work: string;
let allowlist: AllowlistEntry[];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'parity-security-'));
  allowlist = await loadAllowlist();
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function stagedCopy(name: string, edit?: (main: string) => string): Promise<string> {
  const app = await stageApp(join(work, name));
  if (edit) {
    const main = join(app, 'electron', 'main.ts');
    await writeFile(main, edit(await readFile(main, 'utf8')));
  }
  return app;
}

/** Replaces exactly one occurrence, so a change in main.ts cannot quietly turn a mutation into a no-op. */
function replaceOnce(text: string, pattern: RegExp, replacement: string): string {
  const count = text.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
  if (count !== 1) throw new Error(`expected ${String(pattern)} once in main.ts, found it ${count} times`);
  return text.replace(pattern, replacement);
}

describe('Electronegativity on the app (electron/, shared/, renderer/, package.json)', () => {
  let report: ScanReport;

  beforeAll(async () => {
    report = await scan(await stagedCopy('app'));
  });

  it('parses every file it is given', () => {
    expect(report.errors.filter((e) => !e.tolerable)).toEqual([]);
  });

  it('finds no HIGH or MEDIUM finding that the allowlist does not justify', () => {
    const { unjustified } = judge(report, allowlist);
    expect(unjustified, `unjustified findings:\n${formatFindings(unjustified)}`).toEqual([]);
  });

  it('keeps no allowlist entry that no longer matches a finding', () => {
    expect(judge(report, allowlist).stale).toEqual([]);
  });
});

describe('the window policy on the TypeScript sources', () => {
  it('every window in electron/ is context-isolated, sandboxed, and has no Node', async () => {
    const policy = await checkWebPreferences(REPO_ROOT, 'electron');
    expect(policy.windows).toBeGreaterThan(0);
    expect(policy.violations, formatViolations(policy.violations)).toEqual([]);
  });
});

describe('the checks fail when the hardening goes', () => {
  it('a copy of main.ts with nodeIntegration: true is refused', async () => {
    const app = await stagedCopy('node-integration', (main) =>
      replaceOnce(main, /nodeIntegration:\s*false/, 'nodeIntegration: true'),
    );
    const policy = await checkWebPreferences(app, 'electron');
    expect(policy.violations).toEqual([
      expect.objectContaining({
        file: 'electron/main.ts',
        message: 'nodeIntegration must be absent or false',
      }),
    ]);
  });

  it('a copy of main.ts without sandbox and context isolation is refused by Electronegativity', async () => {
    const app = await stagedCopy('no-sandbox', (main) =>
      replaceOnce(
        replaceOnce(main, /sandbox:\s*true/, 'sandbox: false'),
        /contextIsolation:\s*true/,
        'contextIsolation: false',
      ),
    );
    const { unjustified } = judge(await scan(app), allowlist);
    expect(unjustified.map((f) => `${f.id} ${f.file}`).sort()).toEqual([
      'CONTEXT_ISOLATION_JS_CHECK electron/main.ts',
      'SANDBOX_JS_CHECK electron/main.ts',
    ]);
    const policy = await checkWebPreferences(app, 'electron');
    expect(policy.violations.map((v) => v.message).sort()).toEqual([
      'contextIsolation must be set to true',
      'sandbox must be set to true',
    ]);
  });

  it('a bare main.js with nodeIntegration: true and no other hardening is refused', async () => {
    const app = join(work, 'bare');
    await mkdir(app);
    await writeFile(
      join(app, 'main.js'),
      [
        "const { app, BrowserWindow } = require('electron');",
        'app.whenReady().then(() => {',
        '  const win = new BrowserWindow({ webPreferences: { nodeIntegration: true } });',
        "  void win.loadFile('index.html');",
        '});',
        '',
      ].join('\n'),
    );
    const { unjustified } = judge(await scan(app), allowlist);
    expect(new Set(unjustified.map((f) => f.id))).toEqual(
      new Set([
        'NODE_INTEGRATION_JS_CHECK',
        'CONTEXT_ISOLATION_JS_CHECK',
        'SANDBOX_JS_CHECK',
        'AUXCLICK_JS_CHECK',
        'LIMIT_NAVIGATION_GLOBAL_CHECK',
        'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
        'CSP_GLOBAL_CHECK',
      ]),
    );
  });
});
