import { EXIT } from '../cli-exit-codes';
import { KEEP_BASELINES, workspaceBaselines } from '../core/baseline/workspace-baselines';
import { saveBaseline } from '../core/baseline/save-baseline';
import { DockerEngine } from '../core/engine/docker-engine';
import { resolveEngineSocket } from '../core/engine/engine-endpoint';
import { ParityError } from '../core/parity-error';
import { openWorkspaceContext } from '../core/workspace/workspace-context';
import { parseCommonOptions } from './cli-options';

/** `parity baseline save [--name N]` and `parity baseline list`. */
export async function baselineCommand(args: readonly string[]): Promise<number> {
  const [action, ...rest] = args;
  let name: string | undefined;
  const common: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (arg === '--name') name = rest[++i];
    else if (arg.startsWith('--name=')) name = arg.slice('--name='.length);
    else common.push(arg);
  }
  const options = parseCommonOptions(common);
  const workspace = await openWorkspaceContext(options.workspace);
  const { store } = workspaceBaselines(workspace.dir);

  if (action === 'save') {
    const engine = await DockerEngine.connect(resolveEngineSocket({}));
    const baseline = await saveBaseline(engine, store, workspace, {
      kind: 'manual',
      ...(name ? { name } : {}),
    });
    const pruned = await store.prune(KEEP_BASELINES);
    if (options.json) process.stdout.write(`${JSON.stringify(baseline)}\n`);
    else {
      const bytes = baseline.volumes.reduce((sum, v) => sum + v.bytes, 0);
      process.stdout.write(
        `saved baseline ${baseline.id} "${baseline.name}": ${baseline.files.length} files, ${baseline.volumes.length} volume(s), ${formatBytes(bytes)}\n`,
      );
      if (pruned.length > 0)
        process.stdout.write(`pruned ${pruned.length} older baseline(s), keeping ${KEEP_BASELINES}\n`);
    }
    return EXIT.ok;
  }
  if (action === 'list') {
    const baselines = await store.list();
    if (options.json) {
      process.stdout.write(`${JSON.stringify(baselines)}\n`);
      return EXIT.ok;
    }
    if (baselines.length === 0)
      process.stdout.write('no baselines yet: save one with npx parity baseline save\n');
    for (const b of baselines) {
      const bytes = b.volumes.reduce((sum, v) => sum + v.bytes, 0);
      process.stdout.write(
        `${b.id}  ${b.kind.padEnd(12)} ${formatBytes(bytes).padStart(9)}  ${age(b.createdAt)}  ${b.name}\n`,
      );
    }
    return EXIT.ok;
  }
  throw new ParityError(
    'invalid-request',
    `Unknown baseline action "${action ?? ''}".`,
    'Use: parity baseline save|list',
  );
}

function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

function age(createdAt: string): string {
  const minutes = Math.round((Date.now() - Date.parse(createdAt)) / 60_000);
  if (minutes < 60) return `${minutes} min ago`.padStart(12);
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h ago`.padStart(12);
  return `${Math.round(minutes / 1440)} days ago`.padStart(12);
}
