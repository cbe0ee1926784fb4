import { CONTAINER_TEMPLATE, IMAGE_TEMPLATE } from '../snapshot/container-facts';
import { RUNTIME_SCRIPT } from '../snapshot/runtime-versions';
import { schemaDumpCommand } from '../seed/schema-digest';
import type { SnapshotSpec } from '../snapshot/snapshot-spec';
import { quoteArg, quoteCommand } from './shell-quote';

/** `docker exec`s the script runs at once on staging (runtime probes): enough to overlap, not a flood. */
export const REMOTE_EXEC_CONCURRENCY = 4;

/**
 * One line per container for the script's own use: id, image id, running, one-off flag and service. The
 * service comes last, so `read` gives it the rest of the line whatever it holds; the prefixes keep empty
 * labels from collapsing two fields into one.
 */
const META_TEMPLATE =
  '{{println "M" .Id .Image .State.Running (printf "o%s" (index .Config.Labels "com.docker.compose.oneoff")) (printf "s%s" (index .Config.Labels "com.docker.compose.service"))}}{{range .Config.Env}}{{println "E" $.Id .}}{{end}}';

/**
 * The one remote command that collects staging's evidence in a single round trip. It prints sections
 * headed `@@kind arg`, parsed by staging-output.ts. Environment values are hashed on staging with the
 * workspace salt (sha256sum), so only keys and hashes cross the wire. Every value from the contract
 * or the project is quoted; nothing from staging is interpolated back into a command, and staging's
 * text is printed with printf '%s' (dash's echo would interpret its backslashes).
 *
 * Why it is shaped like this: each docker CLI start costs tens of milliseconds (far more on a loaded
 * host), so the number of docker calls does not grow with the services — one `docker inspect` and one
 * `docker image inspect` for all of them — and every env value is hashed by one sha256sum over files
 * written with shell builtins instead of a pipeline per value. What must run per container (the runtime
 * probes) runs a few at a time, while the database dumps and health requests run beside them.
 */
export function stagingScript(spec: SnapshotSpec): string {
  const q = quoteArg;
  const lines = [
    'set -u',
    `project=${q(spec.project)}`,
    `salt=${q(spec.salt)}`,
    'label="com.docker.compose.project=$project"',
    // The salted values are written to files (below): private to this user, removed on any exit.
    'umask 077',
    'work=$(mktemp -d) || exit 1',
    `trap 'rm -rf "$work"' EXIT`,
    ': > "$work/meta"; : > "$work/keys"; : > "$work/running"; : > "$work/image-of"',
    `echo '@@engine'`,
    `docker version --format ${q('{"Version":{{json .Server.Version}},"ApiVersion":{{json .Server.APIVersion}},"Arch":{{json .Server.Arch}}}')}`,
    'ids=$(docker ps -aq --filter "label=$label")',
    'if [ -n "$ids" ]; then',
    `  docker inspect --format ${q(`{{println "@@container" .Id}}${CONTAINER_TEMPLATE}`)} $ids`,
    `  docker inspect --format ${q(META_TEMPLATE)} $ids > "$work/meta"`,
    'fi',
    // One pass over the meta lines: image ids, running containers, and each env value into its own file.
    'n=0; images=',
    'set --',
    'while IFS= read -r line; do',
    '  case "$line" in',
    '    "M "*)',
    '      rest=${line#M }; id=${rest%% *}; rest=${rest#* }; image=${rest%% *}; rest=${rest#* }',
    '      running=${rest%% *}; rest=${rest#* }; oneoff=${rest%% *}; service=${rest#* }',
    '      images="$images $image"',
    '      if [ "$running" = true ] && [ "$oneoff" != oTrue ]; then printf \'%s %s\\n\' "$id" "${service#s}" >> "$work/running"; fi',
    '      printf \'%s %s\\n\' "$id" "$image" >> "$work/image-of" ;;',
    '    "E "*)',
    '      rest=${line#E }; id=${rest%% *}; entry=${rest#* }',
    '      case "$entry" in *=*) ;; *) continue ;; esac',
    '      n=$((n + 1))',
    '      printf \'%s%s\' "$salt" "${entry#*=}" > "$work/v$n"',
    '      printf \'%s %s\\n\' "$id" "${entry%%=*}" >> "$work/keys"',
    '      set -- "$@" "$work/v$n" ;;',
    '  esac',
    'done < "$work/meta"',
    'service_container() { while read -r cid csvc; do if [ "$csvc" = "$1" ]; then printf \'%s\' "$cid"; return; fi; done < "$work/running"; }',
  ];
  // The dumps take longest: they start first and run while everything else is collected.
  if (spec.seed) {
    const schema = schemaDumpCommand(spec.seed.dump);
    lines.push(`c=$(service_container ${q(spec.seed.service)})`, 'if [ -n "$c" ]; then');
    if (schema) lines.push(`  docker exec "$c" ${quoteCommand(schema)} > "$work/schema" &`);
    lines.push(
      `  { docker exec "$c" ${quoteCommand(spec.seed.dump)} | sha256sum | cut -d' ' -f1; } > "$work/seed" &`,
      'fi',
    );
  }
  spec.health.forEach((probe, index) => {
    const fetch = `wget -q -O - ${q(probe.inContainerUrl)} 2>/dev/null || curl -fsS ${q(probe.inContainerUrl)}`;
    lines.push(
      `c=$(service_container ${q(probe.service)})`,
      `: > "$work/health${index}"`,
      `[ -n "$c" ] && docker exec "$c" sh -c ${q(fetch)} > "$work/health${index}" &`,
    );
  });
  lines.push(
    // The runtime probes, a few containers at a time.
    'batch=; size=0',
    'while read -r id _; do',
    `  docker exec "$id" sh -c ${q(RUNTIME_SCRIPT)} > "$work/runtime.$id" 2>/dev/null &`,
    '  batch="$batch $!"; size=$((size + 1))',
    `  if [ "$size" -ge ${REMOTE_EXEC_CONCURRENCY} ]; then wait $batch; batch=; size=0; fi`,
    'done < "$work/running"',
    // Images, then the env hashes, while the execs run.
    'if [ -n "$images" ]; then',
    `  docker image inspect --format ${q(`{{.Id}} ${IMAGE_TEMPLATE}`)} $images > "$work/images" 2>/dev/null`,
    '  while read -r id image; do',
    '    while read -r iid facts; do',
    '      if [ "$iid" = "$image" ]; then printf \'@@image %s\\n%s\\n\' "$id" "$facts"; break; fi',
    '    done < "$work/images"',
    '  done < "$work/image-of"',
    'fi',
    'if [ "$n" -gt 0 ]; then',
    '  sha256sum "$@" > "$work/sums"',
    '  last=',
    '  while read -r id key; do',
    '    read -r sum _ <&3',
    `    if [ "$id" != "$last" ]; then printf '@@env %s\\n' "$id"; last=$id; fi`,
    `    printf '%s %s\\n' "$key" "$sum"`,
    '  done < "$work/keys" 3< "$work/sums"',
    'fi',
    'wait',
    'while read -r id _; do',
    `  if [ -f "$work/runtime.$id" ]; then printf '@@runtime %s\\n' "$id"; cat "$work/runtime.$id"; fi`,
    'done < "$work/running"',
  );
  spec.health.forEach((probe, index) => {
    lines.push(`echo ${q(`@@health ${probe.service}`)}`, `cat "$work/health${index}"`, 'echo');
  });
  if (spec.seed) {
    lines.push(
      'if [ -f "$work/seed" ]; then',
      `  if [ -f "$work/schema" ]; then echo '@@schema'; cat "$work/schema"; fi`,
      `  echo '@@seed'; cat "$work/seed"`,
      'fi',
    );
  }
  lines.push(`echo '@@end'`);
  return lines.join('\n');
}
