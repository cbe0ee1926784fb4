import { createInterface } from 'node:readline/promises';
import { saveBaseline } from '../core/baseline/save-baseline';
import { workspaceBaselines } from '../core/baseline/workspace-baselines';
import type { DockerEngine } from '../core/engine/docker-engine';
import type { WorkspaceContext } from '../core/workspace/workspace-context';
import { runLocalCheck } from './check-run';

/**
 * After the first healthy `parity up` of a workspace with no baseline yet: on a terminal, run the check and,
 * if it passes, ask (y/N) to save the first baseline. Without a terminal (CI, scripts) only print the
 * command, so nothing ever waits on an answer.
 */
export async function offerFirstBaseline(
  engine: DockerEngine,
  workspace: WorkspaceContext,
  io: { interactive: boolean } = { interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY) },
): Promise<void> {
  const { store } = workspaceBaselines(workspace.dir);
  if ((await store.list()).length > 0) return;
  if (!io.interactive) {
    process.stdout.write('no baseline yet: save this known-good state with: npx parity baseline save\n');
    return;
  }
  const report = await runLocalCheck(workspace.dir);
  if (!report.passed) {
    process.stdout.write('no baseline offered: the check does not pass yet (npx parity check)\n');
    return;
  }
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await prompt
    .question('The stack is healthy and the check passes. Save it as the first baseline? [y/N] ')
    .finally(() => prompt.close());
  if (!/^y(es)?$/i.test(answer.trim())) return;
  const baseline = await saveBaseline(engine, store, workspace, { kind: 'first', name: 'first healthy up' });
  process.stdout.write(`saved baseline ${baseline.id} "${baseline.name}"\n`);
}
