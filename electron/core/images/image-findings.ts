import type { ImageReference } from '../registry/image-reference';
import { pinnedForm, taggedForm } from '../registry/image-reference';
import type { ImageFinding } from './image-finding';

/**
 * Builds each image finding with its words and its fix. Every remediation names the parity.yml line to
 * write (the `images.<service>:` key and the exact reference) and the command to run after.
 */
const PULL = 'npx parity pull';

/**
 * The parity.yml line to paste, on a line of its own and indented the way it sits under `images:`, so it
 * can be copied from a terminal as is.
 */
function pinLine(service: string, reference: string): string {
  return `\n        ${service}: ${reference}`;
}

export function notPinned(service: string, ref: ImageReference, digest: string): ImageFinding {
  const pinned = pinnedForm(ref, digest);
  return {
    kind: 'image.not-pinned',
    severity: 'warning',
    message: `${service}: parity.yml names ${ref.original} by tag only; a tag can move, so two machines can run different images. It names ${digest} now.`,
    evidence: { service, reference: ref.original, digest },
    remediation: {
      summary: `Pin it: under images: in parity.yml, write${pinLine(service, pinned)}`,
      commands: [PULL],
    },
  };
}

export function pinNotFound(
  service: string,
  ref: ImageReference,
  missing: { digest?: string; tag?: string; from: 'pin' | 'lock' | 'tag' },
  registryHasTag: string | null,
): ImageFinding {
  const what =
    missing.from === 'tag'
      ? `the tag ${taggedForm(ref)}`
      : missing.from === 'lock'
        ? `${missing.digest ?? ''}, the digest parity.lock recorded for ${taggedForm(ref)},`
        : `the pinned digest ${missing.digest ?? ''}`;
  const commands =
    registryHasTag !== null
      ? [PULL]
      : missing.from === 'lock'
        ? [`${PULL} --update`]
        : [`docker buildx imagetools inspect ${taggedForm(ref)}`];
  return {
    kind: 'image.pin-not-found',
    severity: 'error',
    message: `${service}: ${ref.domain} does not hold ${what} in ${ref.path}; nobody can pull this image.`,
    evidence: {
      service,
      reference: ref.original,
      registry: ref.domain,
      repository: ref.path,
      ...(missing.digest === undefined ? {} : { digest: missing.digest }),
      ...(registryHasTag === null ? {} : { tagNamesNow: registryHasTag }),
    },
    remediation: {
      summary:
        registryHasTag !== null
          ? `The digest may have been deleted or never pushed there. ${taggedForm(ref)} names ${registryHasTag} now: check it is the build you want, push the pinned image again, or pin that under images: in parity.yml:${pinLine(service, pinnedForm(ref, registryHasTag))}`
          : missing.from === 'lock'
            ? 'The locked digest is gone; record what the tag names now.'
            : 'Check the registry address and the repository name in parity.yml, or push the image there.',
      commands,
    },
  };
}

export function tagMoved(
  service: string,
  ref: ImageReference,
  locked: string,
  current: string,
  pinned: boolean,
): ImageFinding {
  const tagged = taggedForm(ref);
  return {
    kind: 'image.tag-moved',
    severity: 'warning',
    message: `${service}: ${tagged} names ${current} now, but parity.lock recorded ${locked}. ${
      pinned ? 'The pin in parity.yml still holds' : 'Parity keeps pulling the locked digest'
    }; anyone pulling the tag gets different bytes.`,
    evidence: { service, reference: ref.original, tag: tagged, locked, current },
    remediation: {
      summary: `Keep the ${pinned ? 'pin' : 'locked digest'} and record the move in parity.lock (the command below), or move to the new image on purpose: under images: in parity.yml, write${pinLine(
        service,
        pinnedForm(ref, current),
      )}`,
      commands: [`${PULL} --update`],
    },
  };
}

export function platformMissing(
  service: string,
  ref: ImageReference,
  digest: string,
  platform: string,
  provided: readonly string[],
  why: 'contract' | 'engine',
): ImageFinding {
  return {
    kind: 'image.platform-missing',
    severity: 'error',
    message: `${service}: ${pinnedForm(ref, digest)} has no ${platform} image (it provides ${provided.join(', ') || 'no platform'}), ${
      why === 'contract' ? "but parity.yml's platforms list it" : "but it is this engine's platform"
    }.`,
    evidence: { service, reference: ref.original, digest, platform, provided: provided.join(', ') },
    remediation: {
      summary: `Pin a multi-platform index that includes ${platform} (docker buildx build --platform ${[...provided, platform].join(',')} --push), or remove ${platform} from platforms in parity.yml.`,
      commands: [`docker buildx imagetools inspect ${pinnedForm(ref, digest)}`],
    },
  };
}

export function digestMismatch(
  service: string,
  ref: ImageReference,
  digest: string,
  repoDigests: readonly string[],
): ImageFinding {
  return {
    kind: 'image.digest-mismatch',
    severity: 'error',
    message: `${service}: the engine pulled ${pinnedForm(ref, digest)} but its RepoDigests are ${
      repoDigests.join(', ') || '(none)'
    }: it does not hold the pinned image.`,
    evidence: { service, reference: ref.original, expected: digest, repoDigests: repoDigests.join(', ') },
    remediation: {
      summary:
        'A registry mirror or proxy configured in the engine may serve other content; remove the local copy and pull again.',
      commands: [`docker image rm ${pinnedForm(ref, digest)}`, PULL],
    },
  };
}
