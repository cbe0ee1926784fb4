import { existsSync } from 'node:fs';
import { run } from './proc.js';

export function linkExists(name: string): boolean {
  return existsSync(`/sys/class/net/${name}`);
}

/** Creates the bridge, its address and brings it up, skipping each part that a previous run already did. */
export async function ensureBridge(name: string, cidr: string): Promise<void> {
  if (!linkExists(name)) await run('ip', ['link', 'add', name, 'type', 'bridge']);
  const { stdout } = await run('ip', ['-o', '-4', 'addr', 'show', 'dev', name]);
  if (!stdout.includes(` ${cidr} `)) await run('ip', ['addr', 'add', cidr, 'dev', name]);
  await run('ip', ['link', 'set', name, 'up']);
}

export async function deleteLink(name: string): Promise<boolean> {
  if (!linkExists(name)) return false;
  await run('ip', ['link', 'delete', name]);
  return true;
}

export async function bridgesNamed(pattern: RegExp): Promise<string[]> {
  const { stdout } = await run('ip', ['-o', 'link', 'show', 'type', 'bridge']);
  return stdout
    .split('\n')
    .map((line) => /^\d+: ([^:@]+)/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined && pattern.test(name));
}
