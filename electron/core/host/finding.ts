/**
 * What the host doctor reports. A finding is plain data: the CLI prints it, the wizard renders it, and the
 * drift report can carry it, so nothing in here may be a class or a function.
 */
export type Severity = 'error' | 'warning' | 'info';

export type FindingKind =
  | 'host.os'
  | 'host.apple-silicon'
  | 'host.rosetta-translated'
  | 'host.wsl2'
  | 'host.wsl-windows-fs'
  | 'host.wsl-memory'
  | 'host.engine-missing'
  | 'host.engine-unreachable'
  | 'host.engine-kind'
  | 'host.engine-old'
  | 'host.emulation'
  | 'host.memory-low'
  | 'host.disk-low';

/** Only primitives, so a finding survives JSON, IPC validation and a diff of two reports unchanged. */
export type Evidence = Record<string, string | number | boolean>;

export interface Remediation {
  summary: string;
  /** Commands to run in order, exactly as printed; empty when the fix is a settings screen. */
  commands: string[];
}

export interface Finding {
  kind: FindingKind;
  severity: Severity;
  message: string;
  evidence: Evidence;
  remediation: Remediation;
}

/** Informational findings still carry a remediation so every consumer can render one shape. */
export const NOTHING_TO_DO: Remediation = { summary: 'Nothing to do.', commands: [] };
