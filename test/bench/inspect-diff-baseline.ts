import { quoteArg as quote } from '../../electron/core/staging/shell-quote';

export interface StagingLogin {
  host: string;
  port: number;
  user: string;
  identityFile: string;
  knownHostsFile: string;
}

export interface InspectDiffTarget {
  /** compose service → local container name. */
  local: Record<string, string>;
  /** compose service → staging container name. */
  staging: Record<string, string>;
  /** compose service → the health URL on this machine (a published port). */
  localHealth: Record<string, string>;
  /** compose service → the health URL inside its staging container (staging publishes nothing). */
  stagingHealth: Record<string, string>;
}

/**
 * What published runtime-parity guides script instead of a drift checker: per service `docker inspect`
 * here and `ssh staging docker inspect` there, both sorted with `jq -S` and diffed, then each side's
 * /health through `jq -S` and diffed. A difference is printed, not a failure: the script's job is to show
 * it, as Parity's report does. With `multiplex` every ssh reuses one master connection (ControlMaster),
 * the fairest version of the script; without it every ssh is a fresh handshake, as most guides write it.
 */
export function inspectDiffScript(
  login: StagingLogin,
  target: InspectDiffTarget,
  multiplex: boolean,
): string {
  const sshOptions = [
    `-i ${quote(login.identityFile)}`,
    `-p ${login.port}`,
    `-o UserKnownHostsFile=${quote(login.knownHostsFile)}`,
    '-o StrictHostKeyChecking=yes',
    '-o BatchMode=yes',
    ...(multiplex ? ['-o ControlMaster=auto', '-o "ControlPath=$work/cm"', '-o ControlPersist=60'] : []),
  ];
  const lines = [
    'set -euo pipefail',
    'work=$(mktemp -d)',
    multiplex
      ? `trap 'ssh -O exit ${sshOptions.join(' ')} ${quote(`${login.user}@${login.host}`)} 2>/dev/null; rm -rf "$work"' EXIT`
      : `trap 'rm -rf "$work"' EXIT`,
    `staging() { ssh ${sshOptions.join(' ')} ${quote(`${login.user}@${login.host}`)} "$@"; }`,
  ];
  for (const [service, local] of Object.entries(target.local)) {
    const remote = target.staging[service] ?? `${service}-missing`;
    lines.push(
      `docker inspect ${quote(local)} | jq -S . > "$work/local.json"`,
      `staging docker inspect ${quote(remote)} | jq -S . > "$work/staging.json"`,
      `diff "$work/local.json" "$work/staging.json" > "$work/${service}.diff" || true`,
    );
  }
  for (const [service, url] of Object.entries(target.localHealth)) {
    const remoteUrl = target.stagingHealth[service] ?? url;
    const remote = target.staging[service] ?? `${service}-missing`;
    lines.push(
      `curl -fsS ${quote(url)} | jq -S . > "$work/health-local.json"`,
      `staging docker exec ${quote(remote)} wget -q -O - ${quote(remoteUrl)} | jq -S . > "$work/health-staging.json"`,
      `diff "$work/health-local.json" "$work/health-staging.json" > "$work/${service}-health.diff" || true`,
    );
  }
  lines.push('cat "$work"/*.diff | wc -l');
  return `${lines.join('\n')}\n`;
}
