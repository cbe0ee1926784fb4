import { dirname, join } from 'node:path';
import type { DriftFinding } from '../../../shared/drift-report-schema';
import type { RemediationResult } from '../../../shared/remediation-result-schema';
import type { DockerEngine } from '../engine/docker-engine';
import { runningServiceContainer } from '../engine/service-container';
import { pullImages } from '../images/pull-images';
import { resolveImages } from '../images/resolve-images';
import { lockPathFor, readLock } from '../lock/lock-file';
import { normaliseArch } from '../host/arch';
import { ParityError } from '../parity-error';
import { dockerConfigCredentials } from '../registry/docker-config';
import { parseImageReference, pinnedForm } from '../registry/image-reference';
import { RegistryClient } from '../registry/registry-client';
import { runSeed } from '../seed/run-seed';
import { formatStackEvent } from '../stack/format-stack';
import { upStack } from '../stack/stack-up';
import { openWorkspaceContext, type WorkspaceContext } from '../workspace/workspace-context';
import { addEnvFromTemplate } from './env-from-template';
import { restartContainer } from './restart-action';

export interface RemediationInput {
  /** The workspace the finding was found in. Reloaded after .env changes, so compose sees them. */
  workspace: WorkspaceContext;
  /** The local engine: actions only ever change the local side, never staging. */
  engine: DockerEngine;
  finding: DriftFinding;
  /** Live output (pull progress, seed output, stack events), as text lines or chunks. */
  onOutput: (text: string) => void;
  signal?: AbortSignal;
}

/**
 * Runs one finding's automated action from the catalogue on the local side, streaming what it does.
 * The CLI (`parity fix`) and the app's "Fix it" button both call this. It never throws for a failed
 * action: the result says what happened and what to do by hand; it throws only when aborted.
 */
export async function applyRemediation(input: RemediationInput): Promise<RemediationResult> {
  const { finding } = input;
  const { action, command, steps } = finding.remediation;
  const byHand = command ?? (steps.length > 0 ? steps.join(' ') : null);
  const began = Date.now();
  const result = (ran: boolean, ok: boolean, summary: string): RemediationResult => ({
    findingId: finding.id,
    action,
    ran,
    ok,
    summary,
    byHand: ok ? null : byHand,
    durationMs: Date.now() - began,
  });
  if (action === null) return result(false, false, 'no safe automated fix for this finding');
  try {
    input.signal?.throwIfAborted();
    return result(true, true, await ACTIONS[action](input));
  } catch (error) {
    if (input.signal?.aborted) throw error;
    if (error instanceof NotApplicable) return result(false, false, error.message);
    if (!(error instanceof ParityError)) throw error;
    return result(true, false, `${action} failed: ${error.message}`);
  }
}

/** The action cannot run for this finding (no container, no template): say so, run nothing. */
class NotApplicable extends Error {}

type Action = (input: RemediationInput) => Promise<string>;

const ACTIONS: Record<NonNullable<DriftFinding['remediation']['action']>, Action> = {
  restart: async ({ workspace, engine, finding, onOutput }) => {
    const service = serviceOf(finding);
    // A stopped container is not "running": look it up among all the project's containers.
    const [container] = await engine.client.listContainers({
      all: true,
      filters: {
        label: [
          `com.docker.compose.project=${workspace.project}`,
          `com.docker.compose.service=${service}`,
          'com.docker.compose.oneoff=False',
        ],
      },
    });
    if (container === undefined) throw new NotApplicable(`no local ${service} container to restart`);
    const name = container.Names[0]?.replace(/^\//, '') ?? container.Id;
    onOutput(`restarting ${name}\n`);
    const outcome = await restartContainer(engine, name);
    return outcome.healthyAfterMs === null
      ? `restarted ${name}`
      : `restarted ${name}; healthy after ${(outcome.healthyAfterMs / 1000).toFixed(1)}s`;
  },
  pull: async (input) => {
    const pulled = await pullPinned(input);
    return `${pulled}; ${await recreate(input)}`;
  },
  recreate: async (input) =>
    // An emulated image is replaced by pulling the pin for this engine's platform first.
    input.finding.kind === 'image.platform-emulated'
      ? `${await releaseForeignPin(input)}${await pullPinned(input)}; ${await recreate(input)}`
      : recreate(input),
  reseed: async ({ workspace, engine, onOutput, signal }) => {
    const { seed } = workspace.contract;
    const container = await runningServiceContainer(engine, workspace.project, seed.service);
    onOutput(`seeding ${seed.service} (${container})\n`);
    const outcome = await runSeed(engine, container, seed, {
      write: (chunk) => onOutput(chunk.toString('utf8')),
      ...(signal === undefined ? {} : { signal }),
    });
    if (outcome.matches === false) {
      throw new ParityError(
        'engine-error',
        `reseeded, but the checksum is ${outcome.checksum}, parity.yml expects ${outcome.expected ?? ''}`,
        'The database was not empty: npx parity down --volumes && npx parity up && npx parity seed',
      );
    }
    return `reseeded ${seed.service}: ${outcome.checksum}`;
  },
  'env-from-template': async (input) => {
    const { workspace, finding, onOutput } = input;
    const template = workspace.contract.env.template;
    if (template === undefined) throw new NotApplicable('parity.yml names no env.template to copy keys from');
    const keys = envKeysOf(finding);
    if (keys.length === 0) throw new NotApplicable('the finding names no key to add');
    const outcome = await addEnvFromTemplate(workspace.dir, template, keys);
    for (const key of outcome.added) onOutput(`.env: added ${key} from ${template}\n`);
    for (const key of outcome.kept) onOutput(`.env: ${key} already set; left as it is\n`);
    for (const key of outcome.notInTemplate)
      onOutput(`.env: ${key} is not in ${template} either; set it by hand\n`);
    if (outcome.added.length === 0) throw new NotApplicable('nothing to add from the template');
    // Compose reads .env when the model is loaded: reload it so the recreated container gets the keys.
    const reloaded = await openWorkspaceContext(workspace.dir);
    return `added ${outcome.added.join(', ')} to .env; ${await recreate({ ...input, workspace: reloaded })}`;
  },
};

function serviceOf(finding: DriftFinding): string {
  if (finding.service === null) throw new NotApplicable('the finding names no service');
  return finding.service;
}

/** config.env-missing names its key in the id's detail; config.env-keys-differ lists staging's extra keys. */
function envKeysOf(finding: DriftFinding): string[] {
  if (finding.kind === 'config.env-missing') {
    const key = finding.id.split(':').slice(2).join(':');
    return key === '' ? [] : [key];
  }
  const staging = finding.evidence.staging;
  return Array.isArray(staging) ? staging.filter((key): key is string => typeof key === 'string') : [];
}

/**
 * Docker Engine keeps one image per digest reference and refuses to point it at another ("Cannot overwrite
 * digest"), so while the pin names another CPU's image, this engine's can never be pulled under it. The
 * pin lets go of that image first (untagged only: the container running it keeps it until recreated).
 */
async function releaseForeignPin({
  workspace,
  engine,
  finding,
  onOutput,
}: RemediationInput): Promise<string> {
  const pinned = finding.service === null ? undefined : workspace.contract.images[finding.service];
  if (pinned === undefined) return '';
  const ref = parseImageReference(pinned);
  const reference = ref.digest === undefined ? pinned : pinnedForm(ref, ref.digest);
  const image = await engine.client
    .getImage(reference)
    .inspect()
    .catch(() => null);
  if (image === null || normaliseArch(image.Architecture) === normaliseArch(engine.info.arch)) return '';
  await engine.client.getImage(reference).remove({ force: true, noprune: true });
  const platform = `${image.Os}/${image.Architecture}`;
  onOutput(`${reference} no longer names the ${platform} image\n`);
  return `released ${finding.service ?? ''}'s pin from its ${platform} image; `;
}

/** Pulls the contract's pinned digests (all of them: the lock decides what a tag names), as `parity pull`. */
async function pullPinned({ workspace, engine, onOutput, signal }: RemediationInput): Promise<string> {
  const registry = new RegistryClient({
    credentials: dockerConfigCredentials(),
    ...(signal === undefined ? {} : { signal }),
  });
  const lock = await readLock(lockPathFor(workspace.dir));
  const resolution = await resolveImages(workspace.contract, registry, { lock });
  const outcome = await pullImages(engine, resolution.images, {
    onEvent: (event) => {
      if (event.type === 'image-start') onOutput(`pulling ${event.service}: ${event.reference}\n`);
      if (event.type === 'image-done') onOutput(`pulled ${event.service}: ${event.reference}\n`);
      if (event.type === 'image-failed') onOutput(`pull failed for ${event.service}: ${event.message}\n`);
    },
    credentialsFor: (image) => registry.credentialsFor(image.ref),
    ...(signal === undefined ? {} : { signal }),
  });
  if (outcome.failed.length > 0) {
    throw new ParityError(
      'engine-error',
      outcome.failed.map((f) => `${f.service} (${f.reference}): ${f.message}`).join('; '),
      'Pull by hand to see the registry answer: npx parity pull',
    );
  }
  return `pulled ${outcome.pulled.length} pinned image(s)`;
}

/** `parity up` on the local stack: the engine recreates exactly the containers whose config or image changed. */
async function recreate({ workspace, engine, onOutput, signal }: RemediationInput): Promise<string> {
  const composeFile = join(workspace.dir, workspace.contract.compose);
  const result = await upStack(engine, workspace.compose, {
    origin: { workingDir: dirname(composeFile), configFiles: [composeFile] },
    onEvent: (event) => {
      if (event.kind !== 'pulling') onOutput(`${formatStackEvent(event, 8)}\n`);
    },
    ...(signal === undefined ? {} : { signal }),
  });
  if (result.outcome !== 'ready') {
    throw new ParityError(
      'engine-error',
      `the stack did not come up (${result.outcome}${result.failure ? `: ${result.failure.message}` : ''})`,
      'Bring it up by hand to see why: npx parity up',
    );
  }
  return 'stack recreated and ready';
}
