import { ensureBridge } from './bridge.js';
import { ensureDockerd } from './dockerd.js';
import { ensureStagingForwardRule } from './forward-rule.js';
import type { ManagedEngine } from './dockerd.js';
import type { EnginePaths } from './paths.js';

export const STAGING_BRIDGE = 'parity-stg0';
export const STAGING_BRIDGE_CIDR = '172.31.254.1/24';
// Keeps the staging engine's compose networks in 172.31.0.0/17, clear of the local engine's pools and of the bridge.
const STAGING_ADDRESS_POOL = 'base=172.31.0.0/17,size=24';

/** The "staging host" engine: beside the local one, on its own bridge, without touching iptables. */
export async function ensureStagingEngine(paths: EnginePaths): Promise<ManagedEngine> {
  await ensureBridge(STAGING_BRIDGE, STAGING_BRIDGE_CIDR);
  await ensureStagingForwardRule();
  return ensureDockerd(paths, [
    '--bridge',
    STAGING_BRIDGE,
    '--iptables=false',
    '--ip-masq=false',
    '--default-address-pool',
    STAGING_ADDRESS_POOL,
  ]);
}
