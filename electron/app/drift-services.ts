import type { DriftReport } from '../../shared/drift-report-schema';
import type { Handlers } from '../api-dispatch';
import { runCheck } from '../commands/check-run';
import { ParityError } from '../core/parity-error';
import { fixFindings } from '../core/remediation/fix-findings';
import type { StreamHub } from '../core/streams/stream-hub';
import { openWorkspaceContext } from '../core/workspace/workspace-context';
import type { WorkspaceSession } from '../workspace-session';
import { serviceDigests } from '../core/drift/service-digests';
import { settingsFile, type AppEngine } from './app-engine';
import { lastDigestsFile, lastReportFile, trustFile } from './app-files';

type DriftHandlers = Pick<Handlers, 'drift:check' | 'drift:last' | 'drift:digests' | 'remediation:apply'>;

/**
 * Compare with staging and fix what differs: the same check and the same remediation core `parity check`
 * and `parity fix` run. Every report is kept as the workspace's last one; a fix takes its finding from that
 * report (main-side), never from a description the page sends.
 */
export function createDriftHandlers(
  dataDir: string,
  session: WorkspaceSession,
  streams: StreamHub,
  engines: AppEngine,
): DriftHandlers {
  const workspacePath = (): string => {
    const current = session.current();
    if (!current) throw new ParityError('workspace-missing', 'Open a workspace first.');
    return current.path;
  };
  /** Actions share the local stack: two at once would race, so one fix runs at a time. */
  let fixing = false;

  /** Local against staging over SSH, with the host key this workspace trusts (never none). */
  const check = async (path: string): Promise<DriftReport> => {
    const trusted = await trustFile(dataDir, path).read();
    const settings = await settingsFile(dataDir).read();
    const run = await runCheck({
      workspace: path,
      staging: true,
      threshold: undefined,
      identity: settings.sshIdentity || undefined,
      trustHost: trusted?.fingerprint,
      engineSocket: await engines.socket(),
    });
    await lastReportFile(dataDir, path).write(run.report);
    const workspace = await openWorkspaceContext(path);
    await lastDigestsFile(dataDir, path).write(
      serviceDigests(workspace.contract.images, run.local, run.staging, run.report.time),
    );
    return run.report;
  };

  return {
    'drift:check': async () => check(workspacePath()),
    'drift:last': async () => lastReportFile(dataDir, workspacePath()).read(),
    'drift:digests': async () => lastDigestsFile(dataDir, workspacePath()).read(),
    'remediation:apply': async ({ findingId }) => {
      const path = workspacePath();
      const before = await lastReportFile(dataDir, path).read();
      if (before === null) {
        throw new ParityError(
          'invalid-request',
          'There is no comparison with staging to fix from yet.',
          'Compare with staging first (Check again), then pick the finding to fix.',
        );
      }
      const finding = before.findings.find((f) => f.id === findingId);
      if (finding === undefined) {
        throw new ParityError(
          'invalid-request',
          `The last check (${before.time}) reports no finding ${findingId}.`,
          'Check again: it may be fixed already, or its id changed.',
        );
      }
      if (finding.remediation.action === null) {
        const { command, steps } = finding.remediation;
        throw new ParityError(
          'invalid-request',
          `${finding.id} has no automated fix: ${finding.remediation.title}.`,
          command ?? steps.join(' '),
        );
      }
      if (fixing) {
        throw new ParityError(
          'invalid-request',
          'Another fix is still running on this stack.',
          'Wait for it to finish (or cancel it), then try again.',
        );
      }
      const workspace = await openWorkspaceContext(path);
      const connected = await engines.connect();
      fixing = true;
      return streams.start(async (output) => {
        try {
          output.write(`${finding.remediation.title} (${finding.remediation.action ?? ''})\n`);
          return await fixFindings({
            workspace,
            engine: connected,
            before,
            findings: [finding],
            recheck: async () => {
              output.write('Checking again against staging…\n');
              return check(path);
            },
            onOutput: (_id, text) => output.write(text),
            onResult: (result) => output.write(`${result.ok ? '✓' : '✖'} ${result.summary}\n`),
            signal: output.signal,
          });
        } finally {
          fixing = false;
        }
      });
    },
  };
}
