import { EXIT } from '../cli-exit-codes';
import { KEEP_BASELINES, workspaceBaselines } from '../core/baseline/workspace-baselines';
import { saveBaseline } from '../core/baseline/save-baseline';
import { DockerEngine } from '../core/engine/docker-engine';
import { resolveEngineSocket } from '../core/engine/engine-endpoint';
import { ParityError } from '../core/parity-error';
import { openWorkspaceContext } from '../core/workspace/workspace-context';
import { parseCommonOptions } from './cli-options';
import { formatAge, formatBytes } from '../../shared/format-size';

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
        `${b.id}  ${b.kind.padEnd(12)} ${formatBytes(bytes).padStart(9)}  ${formatAge(b.createdAt).padStart(12)}  ${b.name}\n`,
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
