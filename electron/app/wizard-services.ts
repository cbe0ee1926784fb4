import { dirname, join } from 'node:path';
import { emptyWizardState, wizardStateSchema, type AppSettings } from '../../shared/wizard-schema';
import { fingerprintsMatch } from '../core/staging/host-key';
import { pullImages } from '../core/images/pull-images';
import { resolveImages } from '../core/images/resolve-images';
import { lockPathFor, readLock } from '../core/lock/lock-file';
import { ParityError } from '../core/parity-error';
import { dockerConfigCredentials } from '../core/registry/docker-config';
import { RegistryClient } from '../core/registry/registry-client';
import { upStack } from '../core/stack/stack-up';
import { resolveStagingTarget } from '../core/staging/staging-target';
import type { StreamHub } from '../core/streams/stream-hub';
import { openWorkspaceContext } from '../core/workspace/workspace-context';
import type { Handlers } from '../api-dispatch';
import type { WorkspaceSession } from '../workspace-session';
import { settingsFile as appSettingsFile, type AppEngine } from './app-engine';
import { trustFile as trustFileFor } from './app-files';
import { readHostKeyFingerprint } from './host-key-probe';
import { JsonFile } from './json-file';
import { perWorkspaceFile } from './per-workspace-file';

type WizardHandlers = Pick<
  Handlers,
  | 'images:pull'
  | 'stack:up'
  | 'staging:hostKey'
  | 'staging:trustHost'
  | 'wizard:state'
  | 'wizard:save'
  | 'settings:get'
  | 'settings:save'
>;

/**
 * The setup wizard's engine room: pull and up on top of the same core the CLI uses, streamed as
 * JSON lines of their events; the wizard's progress, the app's settings and the staging host key each
 * workspace trusts, persisted in Parity's data folder.
 */
export function createWizardHandlers(
  dataDir: string,
  session: WorkspaceSession,
  streams: StreamHub,
  engines: AppEngine,
): WizardHandlers {
  const settingsFile = appSettingsFile(dataDir);
  // Pull and up reach the one engine the app chose (Settings, else the workspace's).
  const engine = (): ReturnType<AppEngine['connect']> => engines.connect();
  const workspacePath = (): string => {
    const current = session.current();
    if (!current) throw new ParityError('workspace-missing', 'Open a workspace first.');
    return current.path;
  };
  const wizardFile = (): JsonFile<typeof wizardStateSchema> =>
    new JsonFile(perWorkspaceFile(dataDir, 'wizard', workspacePath()), wizardStateSchema, emptyWizardState);
  const trustFile = (): ReturnType<typeof trustFileFor> => trustFileFor(dataDir, workspacePath());

  /** Staging's address and the fingerprint it shows now; the settings' staging host wins over parity.yml. */
  const stagingKey = async (settings: AppSettings): Promise<{ target: string; fingerprint: string }> => {
    const workspace = await openWorkspaceContext(workspacePath());
    const target = await resolveStagingTarget({
      ssh: settings.stagingHost || workspace.contract.staging.ssh,
      hostKey: 'unverified',
    });
    return {
      target: `${target.user}@${target.host}:${target.port}`,
      fingerprint: await readHostKeyFingerprint(target.host, target.port),
    };
  };

  return {
    'images:pull': async () => {
      const workspace = await openWorkspaceContext(workspacePath());
      const connected = await engine();
      return streams.start(async (output) => {
        const registry = new RegistryClient({
          credentials: dockerConfigCredentials(),
          signal: output.signal,
        });
        const resolution = await resolveImages(workspace.contract, registry, {
          lock: await readLock(lockPathFor(workspace.dir)),
          update: false,
        });
        const outcome = await pullImages(connected, resolution.images, {
          onEvent: (event) => output.write(`${JSON.stringify(event)}\n`),
          credentialsFor: (image) => registry.credentialsFor(image.ref),
          signal: output.signal,
        });
        return {
          pulled: outcome.pulled.map((p) => ({
            service: p.service,
            reference: p.reference,
            verified: p.verified,
          })),
          failed: outcome.failed,
          unresolved: resolution.unresolved,
          findings: [...resolution.findings, ...outcome.findings].map((f) => ({
            severity: f.severity,
            message: f.message,
          })),
        };
      });
    },
    'stack:up': async () => {
      const workspace = await openWorkspaceContext(workspacePath());
      const connected = await engine();
      const composeFile = join(workspace.dir, workspace.contract.compose);
      return streams.start(async (output) => {
        const result = await upStack(connected, workspace.compose, {
          origin: { workingDir: dirname(composeFile), configFiles: [composeFile] },
          onEvent: (event) => {
            if (event.kind !== 'pulling') output.write(`${JSON.stringify(event)}\n`);
          },
          signal: output.signal,
        });
        return {
          outcome: result.outcome,
          message: result.message,
          elapsedMs: result.elapsedMs,
          services: Object.fromEntries(
            Object.entries(result.services).map(([name, report]) => [name, { health: report.health }]),
          ),
        };
      });
    },
    'staging:hostKey': async () => {
      const seen = await stagingKey(await settingsFile.read());
      const trusted = await trustFile().read();
      return {
        ...seen,
        trusted: trusted !== null && fingerprintsMatch(trusted.fingerprint, seen.fingerprint),
      };
    },
    'staging:trustHost': async ({ fingerprint }) => {
      // Trust only what the host shows now: a confirmed fingerprint that no longer matches is refused.
      const seen = await stagingKey(await settingsFile.read());
      if (!fingerprintsMatch(fingerprint, seen.fingerprint)) {
        throw new ParityError(
          'host-key-mismatch',
          `Staging (${seen.target}) now shows ${seen.fingerprint}, not the confirmed ${fingerprint}.`,
          'Read the key again and confirm it with staging’s administrator before trusting it.',
        );
      }
      await trustFile().write({ fingerprint, trustedAt: new Date().toISOString() });
      return { ...seen, trusted: true };
    },
    'wizard:state': async () => wizardFile().read(),
    'wizard:save': async ({ state }) => wizardFile().write(state),
    'settings:get': async () => settingsFile.read(),
    'settings:save': async ({ settings }) => settingsFile.write(settings),
  };
}
