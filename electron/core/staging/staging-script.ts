import { CONTAINER_TEMPLATE, IMAGE_TEMPLATE } from '../snapshot/container-facts';
import { RUNTIME_SCRIPT } from '../snapshot/runtime-versions';
import { schemaDumpCommand } from '../seed/schema-digest';
import type { SnapshotSpec } from '../snapshot/snapshot-spec';
import { quoteArg, quoteCommand } from './shell-quote';

/**
 * The one remote command that collects staging's evidence in a single round trip. It prints sections
 * headed `@@kind arg`, parsed by staging-output.ts. Environment values are hashed on staging with the
 * workspace salt (sha256sum), so only keys and hashes cross the wire. Every value from the contract
 * or the project is quoted; nothing from staging is interpolated back into a command.
 */
export function stagingScript(spec: SnapshotSpec): string {
  const q = quoteArg;
  const lines = [
    'set -u',
    `project=${q(spec.project)}`,
    `salt=${q(spec.salt)}`,
    'label="com.docker.compose.project=$project"',
    `echo '@@engine'`,
    `docker version --format ${q('{"Version":{{json .Server.Version}},"ApiVersion":{{json .Server.APIVersion}},"Arch":{{json .Server.Arch}}}')}`,
    'for id in $(docker ps -aq --filter "label=$label"); do',
    '  echo "@@container $id"',
    `  docker inspect --format ${q(CONTAINER_TEMPLATE)} "$id"`,
    '  echo "@@image $id"',
    `  docker image inspect --format ${q(IMAGE_TEMPLATE)} "$(docker inspect --format '{{.Image}}' "$id")"`,
    '  echo "@@env $id"',
    `  docker inspect --format '{{range .Config.Env}}{{println .}}{{end}}' "$id" | while IFS= read -r line; do`,
    '    case "$line" in *=*) ;; *) continue ;; esac',
    '    printf \'%s %s\\n\' "${line%%=*}" "$(printf \'%s%s\' "$salt" "${line#*=}" | sha256sum | cut -d\' \' -f1)"',
    '  done',
    `  if [ "$(docker inspect --format '{{.State.Running}}' "$id")" = true ]; then`,
    '    echo "@@runtime $id"',
    `    docker exec "$id" sh -c ${q(RUNTIME_SCRIPT)} 2>/dev/null`,
    '  fi',
    'done',
    'service_container() { docker ps -q --filter "label=$label" --filter "label=com.docker.compose.service=$1" | head -n 1; }',
  ];
  for (const probe of spec.health) {
    const fetch = `wget -q -O - ${q(probe.inContainerUrl)} 2>/dev/null || curl -fsS ${q(probe.inContainerUrl)}`;
    lines.push(
      `c=$(service_container ${q(probe.service)})`,
      `echo ${q(`@@health ${probe.service}`)}`,
      `[ -n "$c" ] && docker exec "$c" sh -c ${q(fetch)}`,
      'echo',
    );
  }
  if (spec.seed) {
    const schema = schemaDumpCommand(spec.seed.dump);
    lines.push(`c=$(service_container ${q(spec.seed.service)})`, 'if [ -n "$c" ]; then');
    if (schema) lines.push(`  echo '@@schema'`, `  docker exec "$c" ${quoteCommand(schema)}`);
    lines.push(
      `  echo '@@seed'`,
      `  docker exec "$c" ${quoteCommand(spec.seed.dump)} | sha256sum | cut -d' ' -f1`,
      'fi',
    );
  }
  lines.push(`echo '@@end'`);
  return lines.join('\n');
}
