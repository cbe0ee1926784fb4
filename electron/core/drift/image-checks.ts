import type { ServiceEvidence } from '../../../shared/snapshot-schema';
import { normaliseArch, platformArch } from '../host/arch';
import { judge, type CheckOutcome } from './check-outcome';
import type { DriftInput, LockedTag } from './drift-input';
import { digestsOf, pinnedDigest, sameImage, shortDigest, shortImage } from './image-identity';
import { servicesInScope } from './services-in-scope';

/** Images: pinned in parity.yml, running what is pinned, native to this CPU, the same as staging's. */
export function imageChecks(input: DriftInput): CheckOutcome[] {
  const outcomes: CheckOutcome[] = [];
  for (const service of servicesInScope(input)) {
    const pinned = input.contract.images[service];
    const local = input.local.services[service];
    const staging = input.staging?.services[service];
    if (pinned !== undefined || local !== undefined) outcomes.push(notPinned(service, pinned, local));
    if (local !== undefined && pinned !== undefined && pinnedDigest(pinned) !== null)
      outcomes.push(digestMismatch(service, pinned, local));
    const emulated = local === undefined ? undefined : platformEmulated(service, input, local);
    if (emulated !== undefined) outcomes.push(emulated);
    if (local !== undefined && staging !== undefined)
      outcomes.push(stagingDiffers(service, pinned, local, staging));
  }
  for (const tag of input.lockedTags ?? []) outcomes.push(tagMoved(tag));
  return outcomes;
}

function notPinned(
  service: string,
  pinned: string | undefined,
  local: ServiceEvidence | undefined,
): CheckOutcome {
  const spec = { kind: 'image.not-pinned', service, detail: 'contract', severity: 'warning' } as const;
  if (pinned === undefined) {
    const running = local?.image.reference ?? '';
    return judge(spec, {
      message: `${service} runs ${running} here, but parity.yml pins no image for it: nothing says which build is right.`,
      evidence: { expected: 'an image in parity.yml, pinned by digest', local: running },
      remedy: { image: running },
    });
  }
  if (pinnedDigest(pinned) !== null) return judge(spec, null);
  return judge(spec, {
    message: `parity.yml names ${service}'s image only by the tag ${pinned}: the tag can move, so two machines can run different images.`,
    evidence: { expected: `${pinned}@sha256:…`, local: pinned },
    remedy: { image: pinned },
  });
}

function digestMismatch(service: string, pinned: string, local: ServiceEvidence): CheckOutcome {
  const spec = { kind: 'image.digest-mismatch', service, detail: 'local', severity: 'error' } as const;
  const digest = pinnedDigest(pinned) ?? '';
  if (digestsOf(local.image).has(digest)) return judge(spec, null);
  const repository = pinned.slice(0, pinned.lastIndexOf('@'));
  return judge(spec, {
    message: `parity.yml pins ${service} to ${repository}@${shortDigest(digest)}, local runs ${shortImage(local.image)}.`,
    evidence: { expected: pinned, local: imageEvidence(local) },
    remedy: { image: pinned },
  });
}

function platformEmulated(
  service: string,
  input: DriftInput,
  local: ServiceEvidence,
): CheckOutcome | undefined {
  const engineArch = input.local.engine?.arch;
  const imageArch = platformArch(local.image.platform);
  if (engineArch === undefined || engineArch === '' || imageArch === null) return undefined;
  const native = normaliseArch(engineArch);
  const spec = { kind: 'image.platform-emulated', service, detail: 'local', severity: 'warning' } as const;
  if (imageArch === native) return judge(spec, null);
  return judge(spec, {
    message: `local ${service} runs a ${local.image.platform} image on this ${native} engine, so it runs under emulation: slower, and some programs crash only there.`,
    evidence: { expected: `linux/${native}`, local: local.image.platform },
    remedy: {
      platform: `linux/${native}`,
      image: input.contract.images[service] ?? local.image.reference,
    },
  });
}

function stagingDiffers(
  service: string,
  pinned: string | undefined,
  local: ServiceEvidence,
  staging: ServiceEvidence,
): CheckOutcome {
  const spec = { kind: 'image.staging-differs', service, detail: 'digest', severity: 'error' } as const;
  if (sameImage(local.image, staging.image)) return judge(spec, null);
  const digest = pinned === undefined ? null : pinnedDigest(pinned);
  const which =
    digest === null
      ? ''
      : digestsOf(local.image).has(digest)
        ? ' (parity.yml pins the local one: staging is behind or ahead of the contract)'
        : digestsOf(staging.image).has(digest)
          ? " (parity.yml pins staging's)"
          : ' (parity.yml pins neither)';
  return judge(spec, {
    message: `staging runs ${service} from ${shortImage(staging.image)}, local runs ${shortImage(local.image)}${which}.`,
    evidence: {
      expected: pinned ?? null,
      local: imageEvidence(local),
      staging: imageEvidence(staging),
    },
    remedy: pinned === undefined ? {} : { image: pinned },
  });
}

function tagMoved(tag: LockedTag): CheckOutcome {
  const spec = { kind: 'image.tag-moved', service: tag.service, detail: 'tag', severity: 'warning' } as const;
  if (tag.locked === tag.current) return judge(spec, null);
  return judge(spec, {
    message: `${tag.tag} now resolves to ${shortDigest(tag.current)}, but parity.lock recorded ${shortDigest(tag.locked)}.`,
    evidence: { expected: tag.locked, local: tag.current },
    remedy: { image: tag.tag },
  });
}

function imageEvidence(evidence: ServiceEvidence): {
  reference: string;
  repoDigests: string[];
  id: string;
  platform: string;
} {
  const { reference, repoDigests, id, platform } = evidence.image;
  return { reference, repoDigests, id, platform };
}
