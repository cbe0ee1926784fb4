import { cp, mkdir, readFile } from 'node:fs/promises';
import Module, { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ALLOWLIST_FILE = join(REPO_ROOT, 'test', 'security', 'electronegativity-allowlist.json');

/** One finding as Electronegativity's programmatic API returns it (only the fields we read). */
export interface Finding {
  id: string;
  severity: { name: 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL' };
  confidence: { name: string };
  /** Relative to the scanned folder, or "N/A" for an app-wide (global) check. */
  file: string;
  location: { line: number; column: number };
  sample?: string;
  description: string;
  manualReview?: boolean;
}

export interface ScanReport {
  issues: Finding[];
  /** Files it could not parse: a file it cannot read is a file it cannot check. */
  errors: { file: string; message: string; tolerable: boolean }[];
}

interface RunOptions {
  input: string;
  isRelative: boolean;
  excludeFromScan: string[];
  electronVersionOverride: string;
}

export interface AllowlistEntry {
  check: string;
  file: string;
  justification: string;
}

/**
 * Electronegativity's only network use is best-effort: translations fetched from S3 at start-up and Electron's
 * release list from GitHub (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK, which we exclude: it is an online freshness
 * check, not a property of our code). Both go through `got`; the scan gets a `got` that refuses, so it never
 * touches the network and falls back to its bundled English texts.
 */
function loadOffline(): (options: RunOptions) => Promise<ScanReport> {
  const requireHere = createRequire(import.meta.url);
  const runnerPath = requireHere.resolve('@doyensec/electronegativity');
  const gotPath = createRequire(runnerPath).resolve('got');
  if (!requireHere.cache[gotPath]) {
    const refuse = (): Promise<never> =>
      Promise.reject(new Error('offline: the security check never fetches'));
    const offline = new Module(gotPath);
    offline.filename = gotPath;
    offline.loaded = true;
    offline.exports = Object.assign(refuse, { head: refuse, get: refuse });
    requireHere.cache[gotPath] = offline;
  }
  const run: unknown = requireHere(runnerPath);
  if (typeof run !== 'function') throw new Error('@doyensec/electronegativity: no programmatic runner');
  return run as (options: RunOptions) => Promise<ScanReport>;
}

export async function electronVersion(): Promise<string> {
  const pkg = JSON.parse(
    await readFile(join(REPO_ROOT, 'node_modules', 'electron', 'package.json'), 'utf8'),
  ) as {
    version: string;
  };
  return pkg.version;
}

/** Runs every Electronegativity check (but the online one) on a folder; paths in the report are relative to it. */
export async function scan(folder: string): Promise<ScanReport> {
  const run = loadOffline();
  return run({
    input: folder,
    isRelative: true,
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    electronVersionOverride: await electronVersion(),
  });
}

/**
 * The app as Electronegativity should see it, in one folder so that its app-wide checks (CSP, navigation limits,
 * permission handler) see the main process and the page together: electron/ (main, preload, IPC, core), shared/,
 * the renderer (its index.html carries the CSP meta tag) and package.json (scripts' Electron flags). Tests, the
 * lab and node_modules stay out.
 */
export async function stageApp(destination: string): Promise<string> {
  await mkdir(destination, { recursive: true });
  for (const part of ['electron', 'shared', 'renderer', 'package.json']) {
    await cp(join(REPO_ROOT, part), join(destination, part), { recursive: true });
  }
  return destination;
}

/**
 * Electronegativity 1.10 rates an explicit `nodeIntegration: true` INFORMATIONAL for Electron >= 5 (the default
 * became false); our policy forbids it outright, so these checks gate whatever severity they carry.
 */
const ALWAYS_GATING = new Set([
  'NODE_INTEGRATION_JS_CHECK',
  'NODE_INTEGRATION_HTML_CHECK',
  'NODE_INTEGRATION_ATTACH_EVENT_JS_CHECK',
]);

export function isGating(finding: Finding): boolean {
  return (
    finding.severity.name === 'HIGH' || finding.severity.name === 'MEDIUM' || ALWAYS_GATING.has(finding.id)
  );
}

export interface Verdict {
  /** Gating findings that no allowlist entry justifies. */
  unjustified: Finding[];
  /** Allowlist entries that match nothing any more: a fixed finding takes its justification with it. */
  stale: AllowlistEntry[];
  /** Files the scanner could not parse. */
  unparsed: ScanReport['errors'];
}

export function judge(report: ScanReport, allowlist: AllowlistEntry[]): Verdict {
  const gating = report.issues.filter(isGating);
  const matches = (entry: AllowlistEntry, finding: Finding): boolean =>
    entry.check === finding.id && entry.file === finding.file;
  return {
    unjustified: gating.filter((finding) => !allowlist.some((entry) => matches(entry, finding))),
    stale: allowlist.filter((entry) => !gating.some((finding) => matches(entry, finding))),
    unparsed: report.errors.filter((error) => !error.tolerable),
  };
}

export async function loadAllowlist(): Promise<AllowlistEntry[]> {
  const entries = JSON.parse(await readFile(ALLOWLIST_FILE, 'utf8')) as unknown;
  if (!Array.isArray(entries)) throw new Error(`${ALLOWLIST_FILE}: expected an array`);
  return entries.map((entry: unknown, index) => {
    const { check, file, justification } = (entry ?? {}) as Partial<AllowlistEntry>;
    if (typeof check !== 'string' || typeof file !== 'string' || typeof justification !== 'string') {
      throw new Error(`${ALLOWLIST_FILE}[${index}]: needs check, file and justification (strings)`);
    }
    if (justification.trim().length < 40) {
      throw new Error(
        `${ALLOWLIST_FILE}[${index}] (${check}): a justification says why, in a sentence or more`,
      );
    }
    return { check, file, justification };
  });
}

/** One line per finding, for a failure message a person can act on. */
export function formatFindings(findings: Finding[]): string {
  return findings
    .map(
      (f) =>
        `${f.id} ${f.severity.name}/${f.confidence.name} ${f.file}:${f.location.line}:${f.location.column}` +
        `${f.manualReview ? ' (review)' : ''} — ${f.description}${f.sample ? `\n    ${f.sample}` : ''}`,
    )
    .join('\n');
}
