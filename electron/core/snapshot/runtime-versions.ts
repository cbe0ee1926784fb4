/**
 * Finds the runtimes a container carries and their versions, with one shell script run inside it (locally
 * through the engine's exec, on staging through `docker exec`), so both sides ask the same question.
 */
export const RUNTIME_PROBES: ReadonlyArray<readonly [name: string, command: string]> = [
  ['node', 'node -v'],
  ['python', 'python3 -V'],
  ['java', 'java -version'],
  ['ruby', 'ruby -v'],
  ['go', 'go version'],
  ['postgres', 'postgres -V'],
];

export const RUNTIME_SCRIPT = RUNTIME_PROBES.map(
  ([name, command]) =>
    `if command -v ${command.split(' ')[0]} >/dev/null 2>&1; then printf '${name}\\t%s\\n' "$(${command} 2>&1 | head -n 1)"; fi`,
).join('; ');

/** `node\tv20.11.1` lines → { node: '20.11.1' }; anything unexpected is skipped. */
export function parseRuntimeVersions(output: string): Record<string, string> {
  const known = new Set(RUNTIME_PROBES.map(([name]) => name));
  const versions: Record<string, string> = {};
  for (const line of output.split('\n')) {
    const [name, rest] = line.split('\t');
    if (name === undefined || rest === undefined || !known.has(name)) continue;
    const version = /\d+\.\d+(?:\.\d+)?(?:[-+.][0-9A-Za-z.-]+)?/.exec(rest)?.[0];
    if (version !== undefined) versions[name] = version;
  }
  return versions;
}
