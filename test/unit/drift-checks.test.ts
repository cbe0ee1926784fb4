import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { driftReportSchema, type DriftReport } from '../../shared/drift-report-schema';
import { compareSnapshots } from '../../electron/core/drift/compare';
import type { DriftInput } from '../../electron/core/drift/drift-input';
import { resolveThreshold } from '../../electron/core/drift/score';
import { fixtureInput } from '../fixtures/snapshots/drift-fixtures';

const APP_2 =
  '127.0.0.1:5000/parity/app@sha256:7c3bb4f551b65f5117e961449c72667de6489b68d3a842f0c0bc034b6fa870e6';
const OTHER = (c: string): string => `sha256:${c.repeat(64)}`;

function report(input: DriftInput): DriftReport {
  return driftReportSchema.parse(
    compareSnapshots(input, {
      workspace: '/work/acme',
      time: '2026-01-15T09:00:02.000Z',
      threshold: resolveThreshold(undefined, input.contract.threshold),
      stagingTarget: 'parity-deploy@127.0.0.1:2222',
    }),
  );
}

type Input = ReturnType<typeof fixtureInput>;
interface Plant {
  kind: string;
  service: string | null;
  severity: 'error' | 'warning' | 'info';
  plant: (input: Input) => void;
  message?: RegExp;
}

const plants: Plant[] = [
  {
    kind: 'image.not-pinned',
    service: 'app',
    severity: 'warning',
    plant: (i) => (i.contract.images['app'] = '127.0.0.1:5000/parity/app:1.0.0'),
    message: /only by the tag 127\.0\.0\.1:5000\/parity\/app:1\.0\.0/,
  },
  {
    kind: 'image.digest-mismatch',
    service: 'app',
    severity: 'error',
    plant: (i) => {
      for (const side of [i.local, i.staging]) {
        const app = side.services['app'];
        if (app) app.image = { ...app.image, reference: APP_2, repoDigests: [APP_2], id: OTHER('a') };
      }
    },
    message:
      /pins app to 127\.0\.0\.1:5000\/parity\/app@sha256:1e186479bdab, local runs .*@sha256:7c3bb4f551b6\.$/,
  },
  {
    kind: 'image.tag-moved',
    service: 'db',
    severity: 'warning',
    plant: (i) =>
      (i.lockedTags = [{ service: 'db', tag: 'postgres:15', locked: OTHER('1'), current: OTHER('2') }]),
  },
  {
    kind: 'image.platform-emulated',
    service: 'app',
    severity: 'warning',
    plant: (i) => {
      const app = i.local.services['app'];
      if (app) app.image.platform = 'linux/arm64';
    },
    message: /linux\/arm64 image on this amd64 engine/,
  },
  {
    kind: 'image.staging-differs',
    service: 'app',
    severity: 'error',
    plant: (i) => {
      const app = i.staging.services['app'];
      if (app) app.image = { ...app.image, reference: APP_2, repoDigests: [APP_2], id: OTHER('a') };
    },
    message:
      /staging runs app from .*7c3bb4f551b6, local runs .*1e186479bdab \(parity\.yml pins the local one/,
  },
  {
    kind: 'service.missing',
    service: 'db',
    severity: 'error',
    plant: (i) => delete i.local.services['db'],
  },
  {
    kind: 'service.unhealthy',
    service: 'app',
    severity: 'error',
    plant: (i) => {
      const app = i.staging.services['app'];
      if (app) {
        app.health = 'unhealthy';
        app.lastProbes.push({ exitCode: 1, output: 'wget: server returned error: HTTP/1.0 500', end: '' });
      }
    },
    message: /staging app is unhealthy: its last healthcheck exited 1 saying "wget: server returned error/,
  },
  {
    kind: 'service.state-differs',
    service: 'db',
    severity: 'error',
    plant: (i) => {
      const db = i.local.services['db'];
      if (db) db.state = 'exited';
    },
    message: /local db is exited, not running \(staging: running\)/,
  },
  {
    kind: 'service.restarting',
    service: 'app',
    severity: 'warning',
    plant: (i) => {
      const app = i.local.services['app'];
      if (app) app.restartCount = 3;
    },
    message: /restarted 3 times/,
  },
  {
    kind: 'config.env-missing',
    service: 'app',
    severity: 'error',
    plant: (i) => delete i.local.services['app']?.env['REDIS_URL'],
    message: /REDIS_URL is required by parity\.yml and set for app on staging/,
  },
  {
    kind: 'config.env-keys-differ',
    service: 'app',
    severity: 'warning',
    plant: (i) => {
      const app = i.staging.services['app'];
      if (app) app.env['FEATURE_CHECKOUT_V2'] = OTHER('3');
    },
    message: /staging sets FEATURE_CHECKOUT_V2, local does not/,
  },
  {
    kind: 'config.env-value-differs',
    service: 'app',
    severity: 'warning',
    plant: (i) => {
      const app = i.staging.services['app'];
      if (app) app.env['REDIS_URL'] = OTHER('4');
    },
    message: /a different value for REDIS_URL/,
  },
  {
    kind: 'config.compose-differs',
    service: 'db',
    severity: 'info',
    plant: (i) => {
      const db = i.staging.services['db'];
      if (db) db.configHash = 'f'.repeat(64);
    },
    message: /config hash b09a835ce083 here, ffffffffffff on staging/,
  },
  {
    kind: 'data.schema-differs',
    service: 'db',
    severity: 'error',
    plant: (i) => (i.staging.data.schema = OTHER('6')),
  },
  {
    kind: 'data.seed-mismatch',
    service: 'db',
    severity: 'warning',
    plant: (i) => (i.staging.data.seed = OTHER('7')),
  },
  {
    kind: 'data.seed-mismatch',
    service: 'db',
    severity: 'error',
    plant: (i) => (i.contract.seed.checksum = OTHER('8')),
    message: /parity\.yml expects sha256:888888888888:/,
  },
  {
    kind: 'runtime.version-differs',
    service: 'db',
    severity: 'warning',
    plant: (i) => {
      const [local, staging] = [i.local.services['db'], i.staging.services['db']];
      if (local && staging) {
        local.runtimes['postgres'] = '15.4';
        staging.runtimes['postgres'] = '15.6';
      }
    },
    message: /^staging's db runs postgres 15\.6, local's runs 15\.4\.$/,
  },
  {
    kind: 'health.payload-differs',
    service: 'app',
    severity: 'warning',
    plant: (i) => (i.staging.health['app'] = { payload: { status: 'ok', version: '2.0.0' } }),
    message: /\$\.version: staging 2\.0\.0, local 1\.0\.0/,
  },
];

describe('the drift checks on synthetic snapshots', () => {
  it('finds nothing between two identical sides: score 1, passed', () => {
    const result = report(fixtureInput());
    expect(result.findings).toEqual([]);
    expect(result.score).toBe(1);
    expect(result.passed).toBe(true);
    expect(result.checks.length).toBeGreaterThan(20);
    expect(result.checks.every((check) => check.passed)).toBe(true);
  });

  it.each(plants)('finds $kind on $service ($severity)', ({ kind, service, severity, plant, message }) => {
    const input = fixtureInput();
    plant(input);
    const result = report(input);
    const finding = result.findings.find(
      (f) => f.kind === kind && f.service === service && f.severity === severity,
    );
    expect(finding, JSON.stringify(result.findings.map((f) => f.id))).toBeDefined();
    if (message) expect(finding?.message).toMatch(message);
    expect(finding?.id.startsWith(`${kind}:${service ?? '-'}:`)).toBe(true);
    expect(finding?.category).toBe(kind.slice(0, kind.indexOf('.')));
    expect(finding?.remediation.id).toBe(kind);
    // The check carries the finding's id; it failed and lowered the score, unless the finding is only info.
    const failed = severity !== 'info';
    expect(result.checks.find((c) => c.id === finding?.id)).toMatchObject({ passed: !failed, kind });
    if (failed) expect(result.score).toBeLessThan(1);
    else expect(result.score).toBe(1);
  });

  it('covers every drift kind', () => {
    const covered = new Set(plants.map((p) => p.kind));
    expect([...covered].sort()).toEqual(
      [
        'config.compose-differs',
        'config.env-keys-differ',
        'config.env-missing',
        'config.env-value-differs',
        'data.schema-differs',
        'data.seed-mismatch',
        'health.payload-differs',
        'image.digest-mismatch',
        'image.not-pinned',
        'image.platform-emulated',
        'image.staging-differs',
        'image.tag-moved',
        'runtime.version-differs',
        'service.missing',
        'service.restarting',
        'service.state-differs',
        'service.unhealthy',
      ].sort(),
    );
  });

  it('names the same difference with the same id in every run', () => {
    const first = fixtureInput();
    const second = fixtureInput();
    for (const input of [first, second]) plants.forEach((p) => p.plant(input));
    expect(report(first).findings.map((f) => f.id)).toEqual(report(second).findings.map((f) => f.id));
  });

  it('without staging, checks only the contract: a required key must be set by some local service', () => {
    const input: DriftInput = { ...fixtureInput(), staging: null };
    delete input.local.services['app']?.env['DATABASE_URL'];
    const result = report(input);
    expect(result.staging).toBeNull();
    expect(result.checks.some((c) => c.kind === 'image.staging-differs' || c.id.endsWith(':staging'))).toBe(
      false,
    );
    expect(result.findings.map((f) => f.id)).toEqual(['config.env-missing:-:DATABASE_URL']);
    expect(result.findings[0]?.remediation).toMatchObject({
      action: 'env-from-template',
      command: "grep -E '^(DATABASE_URL)=' .env.example >> .env && npx parity up",
    });
  });

  it('a service only staging runs is missing here; one only this machine runs is missing on staging', () => {
    const input = fixtureInput();
    const app = input.local.services['app'];
    if (app) {
      input.staging.services['worker'] = structuredClone(app);
      input.local.services['mailcatcher'] = structuredClone(app);
    }
    const ids = report(input).findings.map((f) => f.id);
    expect(ids).toContain('service.missing:worker:local');
    expect(ids).toContain('service.missing:mailcatcher:staging');
    expect(ids).toContain('image.not-pinned:mailcatcher:contract');
  });

  it("compares config hashes only when one tool made both (compose hex, or Parity's sha256:)", () => {
    const input = fixtureInput();
    const db = input.local.services['db'];
    if (db) db.configHash = `sha256:${'e'.repeat(64)}`;
    const result = report(input);
    expect(result.checks.some((c) => c.id === 'config.compose-differs:db:config-hash')).toBe(false);
    expect(result.checks.some((c) => c.id === 'config.compose-differs:app:config-hash')).toBe(true);
  });

  it('reports a migration once: different schemas are not also a seed mismatch', () => {
    const input = fixtureInput();
    input.staging.data.schema = OTHER('6');
    input.staging.data.seed = OTHER('7');
    const kinds = report(input).findings.map((f) => f.kind);
    expect(kinds).toEqual(['data.schema-differs']);
  });

  it('a health endpoint that does not answer on one side is a payload difference', () => {
    const input = fixtureInput();
    input.local.health['app'] = { error: 'fetch failed' };
    const finding = report(input).findings.find((f) => f.kind === 'health.payload-differs');
    expect(finding?.message).toBe(
      "local app's health endpoint did not answer (fetch failed); staging's did.",
    );
    expect(finding?.remediation.command).toBe('curl -s http://127.0.0.1:18080/health');
  });

  it('carries keys and salted hashes as env evidence, never anything else', () => {
    const input = fixtureInput();
    const app = input.staging.services['app'];
    if (app) {
      app.env['REDIS_URL'] = OTHER('4');
      app.env['EXTRA'] = OTHER('5');
    }
    const findings = report(input).findings.filter((f) => f.category === 'config');
    expect(findings.map((f) => f.kind).sort()).toEqual([
      'config.env-keys-differ',
      'config.env-value-differs',
    ]);
    const values = findings.flatMap((f) => [f.evidence.local, f.evidence.staging]);
    for (const value of values) {
      const texts = Array.isArray(value) ? value : Object.values(value as Record<string, string>);
      for (const text of texts) expect(text).toMatch(/^(sha256:[0-9a-f]{64}|[A-Z_]+)$/);
    }
  });

  it('passes host findings through: facts are passed checks, warnings fail theirs', () => {
    const input = fixtureInput();
    input.host = [
      {
        kind: 'host.os',
        severity: 'info',
        message: 'Debian GNU/Linux 12 (bookworm), linux/x64.',
        evidence: { platform: 'linux' },
        remediation: { summary: 'Nothing to do.', commands: [] },
      },
      {
        kind: 'host.memory-low',
        severity: 'warning',
        message: 'The engine has 2 GiB of memory.',
        evidence: { memTotalBytes: 2 ** 31 },
        remediation: {
          summary: 'Give the engine more memory.',
          commands: ['colima stop', 'colima start --memory 8'],
        },
      },
    ];
    const result = report(input);
    const hosts = result.findings.filter((f) => f.category === 'host');
    expect(hosts.map((f) => [f.id, f.severity])).toEqual([
      ['host.memory-low:-:host', 'warning'],
      ['host.os:-:host', 'info'],
    ]);
    expect(hosts[0]?.remediation).toMatchObject({
      command: 'colima stop && colima start --memory 8',
      action: null,
    });
    expect(result.checks.find((c) => c.id === 'host.os:-:host')?.passed).toBe(true);
    expect(result.checks.find((c) => c.id === 'host.memory-low:-:host')?.passed).toBe(false);
  });

  it('orders findings by category, then severity, then id', () => {
    const input = fixtureInput();
    plants.forEach((p) => p.plant(input));
    const findings = report(input).findings;
    const order = ['image', 'service', 'config', 'data', 'runtime', 'health', 'host'];
    const ranks = findings.map((f) => order.indexOf(f.category));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('keeps its invariants for any combination of planted drifts', () => {
    fc.assert(
      fc.property(fc.subarray(plants), (chosen) => {
        const input = fixtureInput();
        chosen.forEach((p) => p.plant(input));
        const result = report(input);
        const ids = result.checks.map((c) => c.id);
        expect(new Set(ids).size).toBe(ids.length);
        // A failed check has exactly one finding with its id; a finding that fails nothing is only info.
        for (const check of result.checks.filter((c) => !c.passed))
          expect(result.findings.filter((f) => f.id === check.id)).toHaveLength(1);
        for (const finding of result.findings)
          expect(result.checks.find((c) => c.id === finding.id)?.passed).toBe(finding.severity === 'info');
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(1);
        if (result.passed) expect(result.findings.some((f) => f.severity === 'error')).toBe(false);
        if (chosen.length > 0) expect(result.findings.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });
});
