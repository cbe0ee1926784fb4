import { EXIT } from '../cli-exit-codes';
import { modelHash } from '../core/compose/config-hash';
import { DockerEngine } from '../core/engine/docker-engine';
import { observeEngine } from '../core/host/engine-observation';
import { nodeHostProbe } from '../core/host/node-host-probe';
import type { ImageFinding } from '../core/images/image-finding';
import { ProgressBoard } from '../core/images/progress-board';
import { plainLine, shortDigest } from '../core/images/progress-text';
import type { PullEvent } from '../core/images/pull-events';
import { pullImages, type PullOutcome } from '../core/images/pull-images';
import { resolveImages, type Resolution } from '../core/images/resolve-images';
import { buildLock } from '../core/lock/build-lock';
import { lockPathFor, readLock, writeLock } from '../core/lock/lock-file';
import { lockJson } from '../core/lock/lock-json';
import { ParityError } from '../core/parity-error';
import { dockerConfigCredentials } from '../core/registry/docker-config';
import { pinnedForm } from '../core/registry/image-reference';
import { RegistryClient } from '../core/registry/registry-client';
import { openWorkspaceContext } from '../core/workspace/workspace-context';
import { parseCommonOptions, type CommonOptions } from './cli-options';
import { formatFindings } from './print-findings';

export interface PullOptions extends CommonOptions {
  /** Record what tags name now in parity.lock, instead of keeping what it recorded. */
  update: boolean;
}

export function parsePullOptions(args: readonly string[]): PullOptions {
  return {
    ...parseCommonOptions(args.filter((arg) => arg !== '--update')),
    update: args.includes('--update'),
  };
}

type LockResult = { path: string; written: boolean; reason: string };

/**
 * `parity pull`: resolves every image of parity.yml against its registry, pulls each by digest through the
 * engine with progress per image and layer, proves the engine's RepoDigests hold the pin, and writes
 * parity.lock. Exit 0 all pulled; 1 a finding of severity error; 2 a bad parity.yml, compose file or
 * lock; 3 the engine or a registry failed or refused; 4 interrupted (Ctrl-C).
 */
export async function pullCommand(options: PullOptions): Promise<number> {
  // The first Ctrl-C stops cleanly (requests aborted, the lock untouched); a second one kills as usual.
  const interrupt = new AbortController();
  const onInterrupt = (): void => interrupt.abort(new Error('interrupted'));
  process.once('SIGINT', onInterrupt);
  try {
    return await pull(options, interrupt.signal);
  } catch (error) {
    if (!interrupt.signal.aborted) throw error;
    process.stderr.write('parity: interrupted; parity.lock left as it was\n');
    return EXIT.interrupted;
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

async function pull(options: PullOptions, signal: AbortSignal): Promise<number> {
  const workspace = await openWorkspaceContext(options.workspace);
  const lockPath = lockPathFor(workspace.dir);
  const previous = await readLock(lockPath);
  const engine = await connectEngine();
  const registry = new RegistryClient({ credentials: dockerConfigCredentials(), signal });

  const view = progressView(options, Object.keys(workspace.contract.images).sort());
  view.event({ type: 'resolve', services: Object.keys(workspace.contract.images).sort() });
  let resolution: Resolution;
  let outcome: PullOutcome;
  try {
    resolution = await resolveImages(workspace.contract, registry, {
      lock: previous,
      update: options.update,
    });
    outcome = await pullImages(engine, resolution.images, {
      onEvent: view.event,
      credentialsFor: (image) => registry.credentialsFor(image.ref),
      signal,
    });
  } finally {
    view.stop();
  }

  const findings = [...resolution.findings, ...outcome.findings];
  const lock = await updateLock(lockPath, previous, resolution, outcome, modelHash(workspace.compose));

  if (options.json) {
    process.stdout.write(
      `${JSON.stringify(jsonResult(workspace.dir, engine, resolution, outcome, findings, lock), null, 2)}\n`,
    );
  } else {
    if (!options.quiet) process.stdout.write(summary(resolution, outcome, lock));
    process.stdout.write(formatFindings(findings, { quiet: options.quiet }));
  }
  if (outcome.failed.length > 0) {
    for (const failure of outcome.failed)
      process.stderr.write(`parity: ${failure.service}: ${failure.message}\n`);
    process.stderr.write(
      '  fix: check that the registry answers (and the login it needs), then run npx parity pull again: the layers the engine already holds are kept.\n',
    );
    return EXIT.environment;
  }
  return findings.some((finding) => finding.severity === 'error') ? EXIT.checkFailed : EXIT.ok;
}

/** The engine the doctor finds (DOCKER_HOST, the docker context, the known sockets), or why there is none. */
async function connectEngine(): Promise<DockerEngine> {
  const observed = await observeEngine(nodeHostProbe());
  if ('error' in observed) {
    const problem = observed.error;
    throw new ParityError(
      'engine-unreachable',
      problem.reason === 'missing'
        ? `No container engine found (tried ${problem.tried.join(', ')}).`
        : `The engine at ${problem.socket} (${problem.origin}) does not answer: ${problem.detail}`,
      'Run npx parity doctor: it says which engine Parity looks for and how to start or install it.',
    );
  }
  return DockerEngine.connect(observed.version.socket);
}

/**
 * The lock is written only when every image resolved, pulled and verified: a lock with a gap would claim
 * a resolution that never happened. Unchanged content is not rewritten, so the file's mtime means something.
 */
async function updateLock(
  path: string,
  previous: Awaited<ReturnType<typeof readLock>>,
  resolution: Resolution,
  outcome: PullOutcome,
  composeHash: string,
): Promise<LockResult> {
  const gaps = [
    ...resolution.unresolved.map((service) => `${service} did not resolve`),
    ...outcome.failed.map((failure) => `${failure.service} did not pull`),
    ...outcome.skipped.map((service) => `${service} has no image for this engine`),
    ...outcome.pulled.filter((image) => !image.verified).map((image) => `${image.service} is not verified`),
  ];
  if (gaps.length > 0) return { path, written: false, reason: `not written: ${gaps.join(', ')}` };
  const next = buildLock(previous, resolution.images, composeHash);
  if (previous !== undefined && lockJson(previous) === lockJson(next)) {
    return { path, written: false, reason: 'unchanged' };
  }
  await writeLock(path, next);
  return { path, written: true, reason: previous === undefined ? 'created' : 'updated' };
}

interface ProgressView {
  event: (event: PullEvent) => void;
  stop: () => void;
}

/** Bars redrawn in place on a terminal, plain lines in a log, JSON lines with --json; all on stderr. */
function progressView(options: CommonOptions, services: readonly string[]): ProgressView {
  const out = process.stderr;
  if (options.json) return { event: (event) => out.write(`${JSON.stringify(event)}\n`), stop: () => {} };
  if (options.quiet) return { event: () => {}, stop: () => {} };
  if (!out.isTTY) {
    return {
      event: (event) => {
        const line = plainLine(event);
        if (line !== undefined) out.write(`${line}\n`);
      },
      stop: () => {},
    };
  }
  const board = new ProgressBoard(services);
  let drawn = 0;
  let dirty = false;
  const draw = (): void => {
    if (!dirty) return;
    dirty = false;
    // Up over the previous frame, then each line cleared and rewritten: the bars stay where they are.
    const lines = board
      .lines()
      .map((line) => `\x1b[2K${line.slice(0, Math.max(20, (out.columns || 100) - 1))}`);
    out.write(`${drawn > 0 ? `\x1b[${drawn}A` : ''}${lines.join('\n')}\n`);
    drawn = lines.length;
  };
  // The engine sends dozens of updates a second per layer; ten frames a second is smooth enough.
  const timer = setInterval(draw, 100);
  return {
    event: (event) => {
      if (event.type === 'resolve') {
        out.write(`resolving ${event.services.length} image(s)…\n`);
        return;
      }
      board.apply(event);
      dirty = true;
    },
    stop: () => {
      clearInterval(timer);
      dirty = true;
      draw();
    },
  };
}

function summary(resolution: Resolution, outcome: PullOutcome, lock: LockResult): string {
  const lines: string[] = [];
  const width = Math.max(4, ...resolution.images.map((image) => image.service.length));
  for (const image of resolution.images) {
    const pulled = outcome.pulled.find((p) => p.service === image.service);
    const state = pulled ? (pulled.verified ? 'pulled, verified' : 'pulled, NOT verified') : 'not pulled';
    lines.push(
      `${image.service.padEnd(width)}  ${pinnedForm(image.ref, shortDigest(image.digest))}  ${Object.keys(image.platforms).sort().join(', ')}  ${state}`,
    );
  }
  lines.push(`parity.lock ${lock.reason}${lock.written ? `: ${lock.path}` : ''}`);
  return `${lines.join('\n')}\n`;
}

function jsonResult(
  workspace: string,
  engine: DockerEngine,
  resolution: Resolution,
  outcome: PullOutcome,
  findings: readonly ImageFinding[],
  lock: LockResult,
): Record<string, unknown> {
  return {
    workspace,
    engine: engine.info.socket,
    images: resolution.images.map((image) => {
      const pulled = outcome.pulled.find((p) => p.service === image.service);
      const failed = outcome.failed.find((f) => f.service === image.service);
      return {
        service: image.service,
        reference: image.ref.original,
        pinned: pinnedForm(image.ref, image.digest),
        digest: image.digest,
        mediaType: image.mediaType,
        platforms: image.platforms,
        tag: image.tag ?? null,
        status: pulled ? 'pulled' : failed ? 'failed' : 'skipped',
        imageId: pulled?.imageId ?? null,
        verified: pulled?.verified ?? false,
        ...(failed ? { error: failed.message } : {}),
      };
    }),
    unresolved: resolution.unresolved,
    findings,
    lock,
  };
}
