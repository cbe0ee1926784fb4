import { createHmac } from 'node:crypto';
import { fingerprintOf } from './host-key';

/**
 * The fingerprints ~/.ssh/known_hosts holds for host:port, from plain (`host,[host]:2222`) and hashed
 * (`|1|salt|hash`) entries. @revoked keys are returned apart so they are refused even when pinned
 * elsewhere; @cert-authority lines are not host keys and are skipped.
 */
export function knownHostFingerprints(
  text: string,
  host: string,
  port: number,
): { keys: string[]; revoked: string[] } {
  const name = port === 22 ? host : `[${host}]:${port}`;
  const keys: string[] = [];
  const revoked: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    let marker: string | undefined;
    if (fields[0]?.startsWith('@')) marker = fields.shift();
    const [hosts, , key] = fields;
    if (hosts === undefined || key === undefined || marker === '@cert-authority') continue;
    if (!hostsMatch(hosts, name)) continue;
    const fingerprint = fingerprintOf(Buffer.from(key, 'base64'));
    (marker === '@revoked' ? revoked : keys).push(fingerprint);
  }
  return { keys: keys.filter((k) => !revoked.includes(k)), revoked };
}

function hostsMatch(hosts: string, name: string): boolean {
  if (hosts.startsWith('|1|')) {
    const [, , salt, hash] = hosts.split('|');
    if (salt === undefined || hash === undefined) return false;
    return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
  }
  let matched = false;
  for (const entry of hosts.split(',')) {
    const negated = entry.startsWith('!');
    const pattern = negated ? entry.slice(1) : entry;
    const regex = new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    );
    if (regex.test(name)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}
