/** The fields of /etc/os-release the doctor needs: a name to print and the family to pick install commands. */
export interface OsRelease {
  prettyName: string;
  id: string;
  idLike: string[];
}

export function parseOsRelease(text: string): OsRelease {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match?.[1] === undefined || match[2] === undefined) continue;
    values.set(match[1], unquote(match[2]));
  }
  const id = values.get('ID') ?? 'linux';
  return {
    prettyName: values.get('PRETTY_NAME') ?? values.get('NAME') ?? 'Linux',
    id,
    idLike: (values.get('ID_LIKE') ?? '').split(/\s+/).filter((s) => s !== ''),
  };
}

/** Debian, Ubuntu and their derivatives (ID_LIKE="ubuntu debian"): where apt-get install docker.io works. */
export function isDebianLike(release: OsRelease): boolean {
  return [release.id, ...release.idLike].some((id) => id === 'debian' || id === 'ubuntu');
}

function unquote(value: string): string {
  const trimmed = value.trim();
  if (
    trimmed.length >= 2 &&
    (trimmed.startsWith('"') || trimmed.startsWith("'")) &&
    trimmed.endsWith(trimmed[0] ?? '')
  ) {
    return trimmed.slice(1, -1).replace(/\\(["$`\\])/g, '$1');
  }
  return trimmed;
}
