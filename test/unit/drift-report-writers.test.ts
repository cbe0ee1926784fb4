import { describe, expect, it } from 'vitest';
import { driftReportSchema, DRIFT_KINDS, REMEDIATION_ACTIONS } from '../../shared/drift-report-schema';
import { compareSnapshots } from '../../electron/core/drift/compare';
import { renderReport, reportFormatOf } from '../../electron/core/drift/report-file';
import { reportHtml } from '../../electron/core/drift/report-html';
import { reportText } from '../../electron/core/drift/report-text';
import { resolveThreshold } from '../../electron/core/drift/score';
import { CATALOGUE, remediationFor } from '../../electron/core/remediation/catalogue';
import { ParityError } from '../../electron/core/parity-error';
import { fixtureInput } from '../fixtures/snapshots/drift-fixtures';

const HOSTILE = '<script>alert("owned")</script>';

function hostileReport(): ReturnType<typeof compareSnapshots> {
  const input = fixtureInput();
  const app = input.local.services['app'];
  if (!app) throw new Error('fixture without app');
  // A service, a container, an env key and a health value, all named by someone hostile.
  input.staging.services[HOSTILE] = { ...structuredClone(app), container: `"><img src=x onerror=alert(1)>` };
  input.local.services[HOSTILE] = { ...structuredClone(app), container: `'; rm -rf / #` };
  const staging = input.staging.services[HOSTILE];
  if (staging) staging.env[`${HOSTILE}_KEY`] = `sha256:${'9'.repeat(64)}`;
  input.staging.health['app'] = { payload: { status: '<img src=x onerror=alert(1)>', version: HOSTILE } };
  const local = input.local.services[HOSTILE];
  if (local) local.restartCount = 1;
  return compareSnapshots(input, {
    workspace: '/work/<b>acme</b>',
    time: '2026-01-15T09:00:02.000Z',
    threshold: resolveThreshold(undefined, 0.98),
    stagingTarget: 'deploy@staging:22',
  });
}

describe('the HTML report', () => {
  it('escapes every value: a hostile service name, key or payload stays text', () => {
    const html = reportHtml(hostileReport());
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain('<b>acme');
    expect(html).toContain('&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('is self-contained: inline style, no script, no external resource, a CSP that forbids both', () => {
    const html = reportHtml(hostileReport());
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    );
    expect(html).toMatch(/<style>[\s\S]+<\/style>/);
    expect(html).not.toMatch(/<[^>]*\s(src|href)=/i);
  });

  it('shows the verdict, the score and each finding with expected, local and staging side by side', () => {
    const html = reportHtml(hostileReport());
    expect(html).toContain('<p class="verdict fail">Failed</p>');
    expect(html).toMatch(/Score <strong>\d+\.\d%<\/strong> against a threshold of 98\.0%/);
    expect(html).toContain('<h2>Services</h2>');
    expect(html).toContain('<h2>Health payloads</h2>');
    expect(html).toContain('<thead><tr><th>local</th><th>staging</th></tr></thead>');
  });
});

describe('the JSON report and the terminal text', () => {
  it('validates against the versioned schema and round-trips', () => {
    const report = hostileReport();
    const parsed = driftReportSchema.parse(JSON.parse(renderReport(report, 'json')));
    expect(parsed).toEqual(report);
    expect(parsed.schemaVersion).toBe(1);
  });

  it('prints each finding with its fix and ends with the verdict', () => {
    const text = reportText(hostileReport(), { quiet: false });
    expect(text.trimEnd().split('\n').at(-1)).toMatch(
      /^score 0\.\d{3} \(threshold 0\.98, parity\.yml\): FAILED — \d+ errors?, \d+ warnings?; \d+ of \d+ checks passed$/,
    );
    expect(text).toContain(`$ docker logs --tail 100 ''\\''; rm -rf / #'`);
  });

  it('is written as .json or .html, and refuses any other name', () => {
    expect(reportFormatOf('drift.json')).toBe('json');
    expect(reportFormatOf('out/drift.HTML')).toBe('html');
    expect(() => reportFormatOf('drift.txt')).toThrow(ParityError);
    expect(() => reportFormatOf('drift')).toThrow(/\.json.*\.html/);
  });
});

describe('the remediation catalogue', () => {
  it('has an entry for every drift kind, with a reason and steps', () => {
    for (const kind of DRIFT_KINDS) {
      const fix = remediationFor(kind, {
        service: 'app',
        container: 'acme-app-1',
        keys: ['A'],
        template: '.env.example',
      });
      expect(CATALOGUE[kind].title).not.toBe('');
      expect(fix.why.length).toBeGreaterThan(20);
      expect(fix.steps.length).toBeGreaterThan(0);
      expect(fix.action === null || REMEDIATION_ACTIONS.includes(fix.action)).toBe(true);
    }
  });

  it('gives the exact command, quoted so a hostile name runs nothing', () => {
    expect(
      remediationFor('service.unhealthy', { service: 'app', side: 'local', container: 'acme-app-1' }),
    ).toMatchObject({
      command: 'docker restart acme-app-1',
      action: 'restart',
    });
    expect(
      remediationFor('service.unhealthy', { service: 'x', side: 'local', container: 'a;touch /tmp/owned' })
        .command,
    ).toBe("docker restart 'a;touch /tmp/owned'");
    expect(remediationFor('service.unhealthy', { service: 'app', side: 'staging' })).toMatchObject({
      command: null,
      action: null,
    });
    expect(remediationFor('data.seed-mismatch', { service: 'db' })).toMatchObject({
      command: 'npx parity seed',
      action: 'reseed',
    });
    expect(remediationFor('image.digest-mismatch', { service: 'app' })).toMatchObject({
      command: 'npx parity pull && npx parity up',
      action: 'pull',
    });
    expect(
      remediationFor('config.env-missing', { service: 'app', keys: ['A', 'B'], template: '.env.example' }),
    ).toMatchObject({
      command: "grep -E '^(A|B)=' .env.example >> .env && npx parity up",
      action: 'env-from-template',
    });
    expect(remediationFor('config.env-missing', { service: 'app', keys: ['A'] })).toMatchObject({
      action: null,
    });
  });
});
