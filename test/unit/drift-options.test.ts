import { describe, expect, it } from 'vitest';
import { parseCheckOptions, parseSnapshotOptions } from '../../electron/commands/check-options';
import type { ParityError } from '../../electron/core/parity-error';

const PIN = 'SHA256:O2IIcEW35+n+unVyYExMChxqFshnfaCtLgMYNFTMums';

describe('parity check and parity snapshot options', () => {
  it('reads every flag, in both --flag value and --flag=value forms', () => {
    expect(
      parseCheckOptions([
        '--staging',
        '--threshold',
        '0.98',
        '--report=drift.json',
        '--workspace',
        '/w',
        '--identity',
        '/k',
        `--trust-host=${PIN}`,
        '--timeout',
        '30',
        '--json',
        '-q',
      ]),
    ).toEqual({
      staging: true,
      threshold: 0.98,
      report: 'drift.json',
      workspace: '/w',
      identity: '/k',
      trustHost: PIN,
      timeoutSeconds: 30,
      json: true,
      quiet: true,
    });
    expect(parseSnapshotOptions(['--staging', '-o', 'staging.json', '--timeout=2.5'])).toMatchObject({
      staging: true,
      output: 'staging.json',
      timeoutSeconds: 2.5,
    });
  });

  it('refuses a threshold outside 0..1, a malformed fingerprint, an unknown flag, a missing value', () => {
    for (const bad of ['1.5', '-0.1', '98%', 'abc', '']) {
      expect(() => parseCheckOptions(['--threshold', bad])).toThrow(/--threshold|needs a value/);
    }
    expect(() => parseCheckOptions(['--trust-host', 'SHA256:short'])).toThrow(/43 characters/);
    try {
      parseCheckOptions(['--trust-host', 'SHA256:short']);
    } catch (error) {
      expect((error as ParityError).hint).toMatch(/ssh-keyscan -p PORT HOST \| ssh-keygen -lf -/);
    }
    expect(() => parseCheckOptions(['--stagin'])).toThrow(/Unknown option "--stagin"/);
    expect(() => parseCheckOptions(['--report'])).toThrow(/--report needs a value/);
    expect(() => parseCheckOptions(['--report', '--json'])).toThrow(/--report needs a value/);
    expect(() => parseSnapshotOptions(['--threshold', '1'])).toThrow(/Unknown option/);
    for (const bad of ['0', 'abc', '1e3', '90000']) {
      expect(() => parseCheckOptions(['--timeout', bad])).toThrow(/--timeout .*expected how many seconds/);
    }
  });

  it('accepts the ends of the range', () => {
    expect(parseCheckOptions(['--threshold', '0']).threshold).toBe(0);
    expect(parseCheckOptions(['--threshold', '1']).threshold).toBe(1);
    expect(parseCheckOptions(['--threshold', '.5']).threshold).toBe(0.5);
  });
});
