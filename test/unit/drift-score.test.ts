import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DriftCheck } from '../../shared/drift-report-schema';
import { compareSnapshots } from '../../electron/core/drift/compare';
import { writtenThreshold } from '../../electron/core/drift/contract-threshold';
import { gatePassed, resolveThreshold, scoreOf, weightOf } from '../../electron/core/drift/score';
import { fixtureInput } from '../fixtures/snapshots/drift-fixtures';

const check = (weight: number, passed: boolean): DriftCheck => ({
  id: `x:-:${weight}-${String(passed)}`,
  kind: 'service.missing',
  service: null,
  weight,
  passed,
});

describe('the parity score', () => {
  it('is the weighted share of checks that pass: errors weigh more than warnings', () => {
    expect(weightOf('error')).toBeGreaterThan(weightOf('warning'));
    expect(weightOf('warning')).toBeGreaterThan(weightOf('info'));
    expect(scoreOf([check(3, true), check(1, false)])).toBe(0.75);
    expect(scoreOf([check(3, false), check(1, true)])).toBe(0.25);
    expect(scoreOf([check(1, true), check(1, true), check(1, true), check(1, false)])).toBe(0.75);
    expect(scoreOf([])).toBe(1);
  });

  it('lands exactly on the threshold when 49 of 50 equal checks pass', () => {
    const checks = Array.from({ length: 50 }, (_, i) => check(1, i > 0));
    expect(scoreOf(checks)).toBe(0.98);
    expect(gatePassed(scoreOf(checks), 0.98, [])).toBe(true);
  });

  it('of a report equals passing weight over total weight of its checks', () => {
    const input = fixtureInput();
    const app = input.staging.services['app'];
    if (app) app.env['EXTRA'] = `sha256:${'1'.repeat(64)}`; // one warning
    const report = compareSnapshots(input, {
      workspace: '/w',
      time: 't',
      threshold: resolveThreshold(undefined, 0.98),
    });
    const total = report.checks.reduce((sum, c) => sum + c.weight, 0);
    expect(report.findings.map((f) => f.severity)).toEqual(['warning']);
    expect(report.score).toBeCloseTo((total - weightOf('warning')) / total, 6);
  });

  it('stays within 0..1, and passing means no error finding, for any mix of checks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(3, 1, 0.25), fc.boolean()), { maxLength: 60 }),
        (cells) => {
          const score = scoreOf(cells.map(([weight, passed]) => check(weight, passed)));
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(1);
          if (cells.every(([, passed]) => passed)) expect(score).toBe(1);
        },
      ),
    );
  });
});

describe('the gate', () => {
  it('fails on any error finding even when the score reaches the threshold', () => {
    const error = { severity: 'error' } as const;
    expect(gatePassed(0.99, 0.98, [error as never])).toBe(false);
    expect(gatePassed(0.97, 0.98, [])).toBe(false);
    expect(gatePassed(0.98, 0.98, [])).toBe(true);
  });

  it('takes the threshold from the flag, else parity.yml, else 1.0', () => {
    expect(resolveThreshold(0.5, 0.98)).toEqual({ value: 0.5, source: 'flag' });
    expect(resolveThreshold(0, 0.98)).toEqual({ value: 0, source: 'flag' });
    expect(resolveThreshold(undefined, 0.9)).toEqual({ value: 0.9, source: 'contract' });
    expect(resolveThreshold(undefined, undefined)).toEqual({ value: 1, source: 'default' });
  });

  it("reads parity.yml's threshold only when the file writes one (the schema's default does not count)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parity-threshold-'));
    const written = join(dir, 'written.yml');
    const absent = join(dir, 'absent.yml');
    writeFileSync(written, 'version: 1\nname: x\nthreshold: 0.9\n');
    writeFileSync(absent, 'version: 1\nname: x\n# threshold: 0.5\n');
    expect(await writtenThreshold(written, 0.9)).toBe(0.9);
    expect(await writtenThreshold(absent, 0.98)).toBeUndefined();
  });

  it('with parity.yml silent, one warning fails the default threshold of 1.0', () => {
    const input = fixtureInput();
    const app = input.staging.services['app'];
    if (app) app.env['EXTRA'] = `sha256:${'1'.repeat(64)}`;
    const at = (threshold: ReturnType<typeof resolveThreshold>): boolean =>
      compareSnapshots(input, { workspace: '/w', time: 't', threshold }).passed;
    expect(at(resolveThreshold(undefined, undefined))).toBe(false);
    expect(at(resolveThreshold(undefined, 0.98))).toBe(true);
    expect(at(resolveThreshold(0.999, 0.98))).toBe(false);
  });
});
