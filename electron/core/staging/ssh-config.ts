/**
 * The subset of ~/.ssh/config Parity honours: Host blocks (patterns with * ? and !negation), HostName,
 * User, Port, IdentityFile, ProxyJump. As in OpenSSH, the first value found for a keyword wins, so more
 * specific blocks are written first. Keywords Parity does not act on are listed, not silently dropped.
 */
export interface SshHostConfig {
  hostName?: string;
  user?: string;
  port?: number;
  identityFiles: string[];
  proxyJump?: string;
  /** Keywords set for this host that Parity does not apply (e.g. ProxyCommand). */
  unsupported: string[];
}

interface Block {
  patterns: string[];
  options: Array<[keyword: string, value: string]>;
}

const SUPPORTED = new Set(['hostname', 'user', 'port', 'identityfile', 'proxyjump']);
/** Settings that change nothing about where or as whom we connect. */
const HARMLESS = new Set([
  'serveraliveinterval',
  'serveralivecountmax',
  'addkeystoagent',
  'usekeychain',
  'forwardagent',
  'compression',
  'loglevel',
  'identitiesonly',
  'connecttimeout',
]);

export function parseSshConfig(text: string): Block[] {
  const blocks: Block[] = [{ patterns: ['*'], options: [] }];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(\S+?)\s*(?:=\s*|\s+)(.+)$/.exec(line);
    if (!match?.[1] || match[2] === undefined) continue;
    const keyword = match[1].toLowerCase();
    const value = unquote(match[2].trim());
    if (keyword === 'host') blocks.push({ patterns: value.split(/\s+/), options: [] });
    else if (keyword === 'match')
      blocks.push({ patterns: [], options: [] }); // Match blocks are not evaluated
    else blocks.at(-1)?.options.push([keyword, value]);
  }
  return blocks;
}

export function sshConfigFor(blocks: Block[], alias: string): SshHostConfig {
  const result: SshHostConfig = { identityFiles: [], unsupported: [] };
  const seen = new Set<string>();
  for (const block of blocks) {
    if (!hostMatches(block.patterns, alias)) continue;
    for (const [keyword, value] of block.options) {
      if (keyword === 'identityfile') {
        result.identityFiles.push(value);
        continue;
      }
      if (seen.has(keyword)) continue;
      seen.add(keyword);
      if (keyword === 'hostname') result.hostName = value.replace(/%h/g, alias);
      else if (keyword === 'user') result.user = value;
      else if (keyword === 'port' && /^\d+$/.test(value)) result.port = Number(value);
      else if (keyword === 'proxyjump') {
        if (value.toLowerCase() !== 'none') result.proxyJump = value;
      } else if (!SUPPORTED.has(keyword) && !HARMLESS.has(keyword)) result.unsupported.push(keyword);
    }
  }
  return result;
}

function hostMatches(patterns: string[], alias: string): boolean {
  let matched = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    if (glob(negated ? pattern.slice(1) : pattern, alias)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

function glob(pattern: string, text: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`, 'i').test(text);
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}
