import type { ParityContract } from '../../shared/parity-schema';
import { ParityError } from '../core/parity-error';
import { SshSession } from '../core/staging/ssh-session';
import { resolveStagingTarget } from '../core/staging/staging-target';

export interface StagingConnection {
  session: SshSession;
  /** `user@host:port`, for the report and messages. */
  target: string;
}

/**
 * Opens the one SSH connection a check uses, with the host key decided before anything is sent: the pin in
 * parity.yml, else --trust-host, else the user's known_hosts. With none of them the host is unknown, and
 * Parity never trusts an unknown host by itself: the error says how to read its fingerprint.
 */
export async function openStaging(
  contract: ParityContract,
  flags: { identity: string | undefined; trustHost: string | undefined },
): Promise<StagingConnection> {
  const pinned = contract.staging.hostKey;
  if (pinned !== undefined && flags.trustHost !== undefined && flags.trustHost !== pinned) {
    throw new ParityError(
      'invalid-request',
      `--trust-host ${flags.trustHost} disagrees with the key parity.yml pins for staging (${pinned}).`,
      'If staging was rebuilt on purpose, confirm the new key with its administrator and update staging.hostKey in parity.yml.',
    );
  }
  const target = await resolveStagingTarget({
    ssh: contract.staging.ssh,
    ...((pinned ?? flags.trustHost) === undefined ? {} : { hostKey: pinned ?? flags.trustHost }),
    ...(flags.identity === undefined ? {} : { identity: flags.identity }),
  });
  if (target.hostKey === '' && (target.knownHostKeys ?? []).length === 0) {
    const portFlag = target.port === 22 ? '' : `-p ${target.port} `;
    throw new ParityError(
      'invalid-request',
      `No host key to verify staging (${target.host}:${target.port}) with: parity.yml pins none (staging.hostKey), --trust-host gives none, and ~/.ssh/known_hosts does not know the host.`,
      `Read its fingerprint with: ssh-keyscan ${portFlag}${target.host} | ssh-keygen -lf -  — confirm it with staging's administrator, then pin it in parity.yml (staging.hostKey: SHA256:…) or pass --trust-host SHA256:….`,
    );
  }
  const session = await SshSession.open(target);
  return { session, target: `${target.user}@${target.host}:${target.port}` };
}
