import { run } from './proc.js';

// Staging's default bridge (172.31.254.0/24) and its compose networks (172.31.0.0/17).
const STAGING_RANGE = '172.31.0.0/16';
const RULE = [
  'FORWARD',
  '-s',
  STAGING_RANGE,
  '-d',
  STAGING_RANGE,
  '-m',
  'comment',
  '--comment',
  'parity-lab-staging',
  '-j',
  'ACCEPT',
];

/**
 * The local dockerd loads br_netfilter and sets FORWARD's policy to DROP, so bridged traffic
 * between two staging containers (app → db) is dropped unless accepted here: the staging
 * engine runs with --iptables=false and adds no rules of its own.
 */
export async function ensureStagingForwardRule(): Promise<boolean> {
  const present = await run('iptables', ['-C', ...RULE]).then(
    () => true,
    () => false,
  );
  if (!present) await run('iptables', ['-I', ...RULE.slice(0, 1), '1', ...RULE.slice(1)]);
  return !present;
}

export async function removeStagingForwardRule(): Promise<number> {
  let removed = 0;
  // Bounded: each -D removes one copy, and a crashed run may have added more than one.
  while (
    removed < 10 &&
    (await run('iptables', ['-D', ...RULE]).then(
      () => true,
      () => false,
    ))
  )
    removed++;
  return removed;
}
