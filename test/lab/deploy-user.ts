import { readFileSync } from 'node:fs';
import { run } from './proc.js';

export const DEPLOY_USER = 'parity-deploy';

/** The account staging deploys log in as: may use the staging engine through the docker group. */
export async function ensureDeployUser(): Promise<void> {
  const exists = await run('id', ['-u', DEPLOY_USER]).then(
    () => true,
    () => false,
  );
  if (!exists) await run('useradd', ['-m', '-s', '/bin/sh', '-G', 'docker', DEPLOY_USER]);
  const { stdout } = await run('id', ['-nG', DEPLOY_USER]);
  if (!stdout.trim().split(/\s+/).includes('docker')) await run('usermod', ['-aG', 'docker', DEPLOY_USER]);
  // useradd leaves the password "!" (locked); without PAM, sshd refuses locked accounts even for key logins.
  const shadow = readFileSync('/etc/shadow', 'utf8')
    .split('\n')
    .find((line) => line.startsWith(`${DEPLOY_USER}:`));
  if (shadow?.split(':')[1]?.startsWith('!')) await run('usermod', ['-p', '*', DEPLOY_USER]);
}
