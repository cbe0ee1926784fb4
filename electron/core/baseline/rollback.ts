import { execFile } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { Baseline } from '../../../shared/baseline-schema';
import type { DockerEngine } from '../engine/docker-engine';
import { ParityError } from '../parity-error';
import { resourceLabels } from '../stack/compose-labels';
import type { BaselineStore } from './baseline-store';
import type { RollbackJournal } from './rollback-journal';
import { saveBaseline, type BaselineWorkspace } from './save-baseline';
import { fileDigest, restoreVolume } from './volume-archive';

/** How rollback stops and starts the stack (or one service of it); the stack engine implements it. */
export interface StackControl {
  stop(services?: string[]): Promise<void>;
  /** Starts health-gated: resolves once every started service is healthy. */
  start(services?: string[]): Promise<void>;
}

export interface RollbackOptions {
  /** A baseline id; default: the newest that is not a before-reset one. */
  to?: string;
  /** Reset one service's containers and volumes, leave the rest running. */
  service?: string;
  /** Restore contract files even when they have uncommitted changes. */
  force?: boolean;
  /** Each step as it starts, finishes, is skipped (done before an interruption) or fails. */
  onStep?: (step: RollbackStep) => void;
  /** Aborting stops the rollback between steps; the journal keeps what is done, a re-run finishes it. */
  signal?: AbortSignal;
}

/** One step's progress, as the CLI prints it and the app's Reset screen shows it. */
export interface RollbackStep {
  /** The journal's name for it: `save-before-reset`, `stop`, `restore-files`, `restore-volume:<key>`, `start`. */
  step: string;
  status: 'running' | 'done' | 'skipped' | 'failed';
  label: string;
  detail?: string;
}

/** Thrown between steps when the rollback's signal is aborted (Ctrl-C, Cancel). */
export class RollbackInterrupted extends Error {
  constructor(readonly done: readonly string[]) {
    super('The rollback was interrupted; run it again to finish it.');
    this.name = 'RollbackInterrupted';
  }
}

export function stepLabel(step: string): string {
  if (step === 'save-before-reset') return 'save the current volumes (before-reset baseline)';
  if (step === 'stop') return 'stop the stack';
  if (step === 'restore-files') return "restore the contract files to the baseline's";
  if (step.startsWith('restore-volume:'))
    return `restore volume ${step.slice('restore-volume:'.length)} (sha256 verified)`;
  if (step === 'start') return 'start the stack, health-gated';
  return step;
}

export interface RollbackResult {
  target: Baseline;
  beforeReset: string;
  restoredFiles: string[];
  restoredVolumes: string[];
}

/**
 * `parity rollback`: save the current volumes first (a reset never destroys data), stop, restore the
 * contract files and each volume from verified archives, start health-gated. Every step is journalled;
 * running it again after an interruption finishes it.
 */
export async function rollback(
  engine: DockerEngine,
  store: BaselineStore,
  journal: RollbackJournal,
  workspace: BaselineWorkspace,
  stack: StackControl,
  options: RollbackOptions = {},
): Promise<RollbackResult> {
  const pending = await journal.read();
  const targetId = pending?.target ?? options.to ?? (await newestKnownGood(store));
  const target = await store.read(targetId);
  const service = pending?.service ?? options.service ?? null;
  const state = pending ?? {
    target: targetId,
    service,
    startedAt: new Date().toISOString(),
    beforeReset: null,
    done: [],
  };
  const report = (step: string, status: RollbackStep['status'], detail?: string): void =>
    options.onStep?.({ step, status, label: stepLabel(step), ...(detail === undefined ? {} : { detail }) });
  const step = async (name: string, work: () => Promise<string | void>): Promise<void> => {
    if (state.done.includes(name)) {
      report(name, 'skipped', 'done before the interruption');
      return;
    }
    if (options.signal?.aborted) throw new RollbackInterrupted(state.done);
    report(name, 'running');
    let detail: string | void;
    try {
      detail = await work();
    } catch (error) {
      report(name, 'failed', error instanceof Error ? error.message : String(error));
      throw error;
    }
    state.done.push(name);
    await journal.write(state);
    report(name, 'done', detail ?? undefined);
  };

  const services = service === null ? undefined : [service];
  const volumes = target.volumes.filter((v) => service === null || volumeBelongsTo(v.key, service, target));
  const files = service === null ? target.files : [];

  // Checked before anything changes: refusing after the stack stopped would leave it half-done.
  if (files.length > 0 && !options.force && !state.done.includes('restore-files')) {
    const dirty = await uncommittedFiles(
      workspace.dir,
      files.map((f) => f.path),
    );
    if (dirty.length > 0) {
      throw new ParityError(
        'invalid-request',
        `These contract files have uncommitted changes a reset would overwrite: ${dirty.join(', ')}.`,
        'Commit or stash them, or reset with force (parity rollback --force, or “Overwrite my uncommitted changes” in the app): the before-reset baseline keeps a copy.',
      );
    }
  }

  await journal.write(state);
  await step('save-before-reset', async () => {
    const before = await saveBaseline(engine, store, workspace, { kind: 'before-reset' });
    state.beforeReset = before.id;
    return before.id;
  });
  await step('stop', () => stack.stop(services));
  const restoredFiles: string[] = [];
  await step('restore-files', async () => {
    for (const file of files) {
      const source = join(store.folder(target.id), 'files', file.path);
      if ((await fileDigest(source)) !== file.digest) {
        throw new ParityError(
          'engine-error',
          `The baseline's copy of ${file.path} is damaged; nothing was restored.`,
        );
      }
      const destination = join(workspace.dir, file.path);
      const current = await fileDigest(destination).catch(() => null);
      if (current === file.digest) continue;
      await mkdir(dirname(destination), { recursive: true });
      await copyFile(source, destination);
      restoredFiles.push(file.path);
    }
    return restoredFiles.length === 0 ? 'unchanged' : restoredFiles.join(', ');
  });
  for (const volume of volumes) {
    await step(`restore-volume:${volume.key}`, async () => {
      await restoreVolume(
        engine,
        volume.name,
        helperImageFor(target, volume.key, service),
        {
          file: join(store.folder(target.id), volume.archive),
          digest: volume.digest,
        },
        resourceLabels(target.project, 'volume', volume.key, {}),
      );
      return `${volume.bytes} bytes, ${volume.digest}`;
    });
  }
  await step('start', () => stack.start(services));
  await journal.finish();
  return {
    target,
    beforeReset: state.beforeReset ?? '',
    restoredFiles,
    restoredVolumes: volumes.map((v) => v.key),
  };
}

async function newestKnownGood(store: BaselineStore): Promise<string> {
  const candidate = (await store.list()).find((b) => b.kind !== 'before-reset');
  if (!candidate) {
    throw new ParityError(
      'invalid-request',
      'There is no baseline to return to yet.',
      'Save one when the stack is healthy: npx parity baseline save',
    );
  }
  return candidate.id;
}

/** Compose names a service's volumes `<project>_<key>`; which service uses which is in the baseline's images. */
function volumeBelongsTo(key: string, service: string, target: Baseline): boolean {
  return target.volumeUsers[key]?.includes(service) ?? false;
}

function helperImageFor(target: Baseline, key: string, service: string | null): string {
  const user = service ?? target.volumeUsers[key]?.[0];
  const image = (user !== undefined ? target.images[user] : undefined) ?? Object.values(target.images)[0];
  if (image === undefined)
    throw new ParityError('engine-error', `No image of the project is known to restore ${key} with.`);
  return image;
}

/** Which of `paths` have uncommitted changes in the workspace's git repository (none outside git). */
export async function uncommittedFiles(dir: string, paths: string[]): Promise<string[]> {
  try {
    const { stdout } = await promisify(execFile)(
      'git',
      ['-C', dir, 'status', '--porcelain', '--', ...paths],
      {
        timeout: 10_000,
      },
    );
    return stdout
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => line.slice(3));
  } catch {
    // Not a git repository: nothing to compare with. Nothing is lost either way: the before-reset baseline
    // holds the current files, and `rollback --undo` puts them back.
    return [];
  }
}
