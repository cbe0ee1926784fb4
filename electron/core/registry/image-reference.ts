import { ParityError } from '../parity-error';

/**
 * An image reference taken apart the way Docker reads it (github.com/distribution/reference): the
 * registry is the first path component only when it looks like a host (has a "." or ":", or is
 * "localhost"); otherwise the image is on Docker Hub, and a one-component name is an official image
 * under library/.
 */
export interface ImageReference {
  /** As written in parity.yml. */
  original: string;
  /** The name as written, without tag or digest: what a pin line repeats (`postgres`, `127.0.0.1:5000/parity/app`). */
  name: string;
  /** The registry as Docker names it: `docker.io`, `127.0.0.1:5000`, `registry.acme.dev`. */
  domain: string;
  /** The repository inside that registry: `library/postgres`, `parity/app`. */
  path: string;
  tag: string | undefined;
  digest: string | undefined;
}

export const DOCKER_HUB = 'docker.io';

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const DOMAIN =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?$/;

export function parseImageReference(text: string): ImageReference {
  const bad = (why: string): ParityError =>
    new ParityError(
      'invalid-request',
      `"${text}" is not an image reference: ${why}.`,
      'Write it as [registry/]name[:tag]@sha256:<64 hex digits>, e.g. registry.acme.dev/app@sha256:….',
    );

  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest))
      throw bad(`"${digest}" is not a sha256 digest (sha256: and 64 lowercase hex digits)`);
  }

  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw bad(`"${tag}" is not a valid tag`);
  }
  const name = rest;

  const slash = rest.indexOf('/');
  const first = slash < 0 ? '' : rest.slice(0, slash);
  const hasDomain = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let domain = hasDomain ? first : DOCKER_HUB;
  let path = hasDomain ? rest.slice(slash + 1) : rest;
  if (hasDomain && !DOMAIN.test(domain)) throw bad(`"${domain}" is not a registry host`);
  if (domain === 'index.docker.io' || domain === 'registry-1.docker.io') domain = DOCKER_HUB;
  if (path === '') throw bad('the repository name is empty');
  for (const component of path.split('/')) {
    if (!PATH_COMPONENT.test(component)) {
      throw bad(
        `"${component}" is not a valid repository name component (lowercase letters, digits, ".", "_", "-")`,
      );
    }
  }
  if (domain === DOCKER_HUB && !path.includes('/')) path = `library/${path}`;
  return { original: text, name, domain, path, tag, digest };
}

/** `name@sha256:…`: the form Parity pulls and parity.yml pins. */
export function pinnedForm(reference: ImageReference, digest: string): string {
  return `${reference.name}@${digest}`;
}

/** `name:tag` for messages, or the name alone. */
export function taggedForm(reference: ImageReference): string {
  return reference.tag === undefined ? reference.name : `${reference.name}:${reference.tag}`;
}
