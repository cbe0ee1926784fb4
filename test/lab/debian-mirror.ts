import { existsSync, readFileSync } from 'node:fs';

const DEFAULT_MIRROR = 'http://deb.debian.org/debian';

/** The archive apt already uses for `suite`, so debootstrap goes where the machine is allowed to go. */
export function debianMirror(suite: string): string {
  const deb822 = '/etc/apt/sources.list.d/debian.sources';
  if (existsSync(deb822)) {
    const stanzas = readFileSync(deb822, 'utf8')
      .split(/\n\s*\n/)
      .map((block) => {
        const fields = new Map<string, string>();
        for (const line of block.split('\n')) {
          const match = /^([\w-]+):\s*(.*)$/.exec(line);
          if (match?.[1] && match[2] !== undefined) fields.set(match[1].toLowerCase(), match[2].trim());
        }
        return fields;
      });
    for (const fields of stanzas) {
      const suites = (fields.get('suites') ?? '').split(/\s+/);
      const uri = (fields.get('uris') ?? '').split(/\s+/)[0];
      if ((fields.get('types') ?? '').split(/\s+/).includes('deb') && suites.includes(suite) && uri)
        return uri;
    }
  }
  const classic = '/etc/apt/sources.list';
  if (existsSync(classic)) {
    for (const line of readFileSync(classic, 'utf8').split('\n')) {
      const parts = line.trim().split(/\s+/);
      if (parts[0] === 'deb' && parts[2] === suite && parts[1]) return parts[1];
    }
  }
  return DEFAULT_MIRROR;
}
