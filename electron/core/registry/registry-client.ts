import { createHash } from 'node:crypto';
import { ParityError } from '../parity-error';
import { BearerTokens, basicAuthorization } from './bearer-tokens';
import { NO_CREDENTIALS, type CredentialStore, type RegistryCredentials } from './credentials';
import type { ImageReference } from './image-reference';
import { parseManifest, type Manifest } from './manifest';
import { MANIFEST_ACCEPT } from './media-types';
import { apiBase } from './registry-endpoint';
import { registryHttp, type HttpAnswer, type HttpFetch, type HttpRequest } from './registry-http';
import { parseWwwAuthenticate } from './www-authenticate';

/** The distribution spec caps manifests at 4 MiB. */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 30_000;

export interface FetchedManifest {
  /** sha256 of the bytes as served, checked against what was asked for and what the registry claims. */
  digest: string;
  mediaType: string;
  manifest: Manifest;
}

export interface RegistryClientOptions {
  credentials?: CredentialStore;
  /** Registries (`host:port`) to speak plain http to, like the daemon's insecure-registries. */
  insecure?: readonly string[];
  /** Per request. */
  timeoutMs?: number;
  /** Ctrl-C: every request in flight is aborted with this signal's reason. */
  signal?: AbortSignal;
  fetch?: HttpFetch;
}

/**
 * Reads manifests and blobs over the OCI distribution API, from any registry an image names. Auth is
 * answered when the registry asks (a 401 with WWW-Authenticate) and remembered per repository, so a
 * second request to the same repository goes straight through.
 */
export class RegistryClient {
  private readonly credentials: CredentialStore;
  private readonly insecure: readonly string[];
  private readonly timeoutMs: number;
  private readonly signal: AbortSignal | undefined;
  private readonly fetchImpl: HttpFetch | undefined;
  private readonly tokens: BearerTokens;
  /** `domain/path` → the Authorization header that worked. */
  private readonly authorizations = new Map<string, string>();

  constructor(options: RegistryClientOptions = {}) {
    this.credentials = options.credentials ?? NO_CREDENTIALS;
    this.insecure = options.insecure ?? [];
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.signal = options.signal;
    this.fetchImpl = options.fetch;
    this.tokens = new BearerTokens((url, request) => this.http(url, request));
  }

  /** The credentials an engine pull of this image needs (the engine does its own auth flow with them). */
  credentialsFor(reference: ImageReference): Promise<RegistryCredentials | undefined> {
    return this.credentials.lookup(reference.domain);
  }

  /** GET a manifest by tag or digest; null when the registry does not hold it. */
  async manifest(reference: ImageReference, tagOrDigest: string): Promise<FetchedManifest | null> {
    const where = `${reference.domain}/${reference.path}:${tagOrDigest}`.replace(':sha256:', '@sha256:');
    const answer = await this.send(
      reference,
      'GET',
      `manifests/${tagOrDigest}`,
      { accept: MANIFEST_ACCEPT },
      MAX_MANIFEST_BYTES,
    );
    if (answer.status === 404) return null;
    if (answer.status !== 200) throw unexpected(answer, `GET ${where}`);
    const digest = sha256(answer.body);
    const claimed = answer.headers.get('docker-content-digest');
    if (
      (tagOrDigest.startsWith('sha256:') && digest !== tagOrDigest) ||
      (claimed !== null && claimed !== digest)
    ) {
      throw new ParityError(
        'engine-error',
        `${reference.domain} served a manifest for ${where} whose bytes hash to ${digest}, ` +
          `not ${tagOrDigest.startsWith('sha256:') ? tagOrDigest : (claimed ?? '')}: Parity does not trust it.`,
        'A proxy or mirror between here and the registry may rewrite manifests; pull from the registry directly.',
      );
    }
    const manifest = parseManifest(answer.body, answer.headers.get('content-type'), where);
    return { digest, mediaType: manifest.mediaType, manifest };
  }

  /**
   * What a tag names now, by HEAD (cheap, and on Docker Hub not counted against the pull rate limit);
   * falls back to GET when a registry answers HEAD without Docker-Content-Digest.
   */
  async manifestDigest(reference: ImageReference, tagOrDigest: string): Promise<string | null> {
    const answer = await this.send(
      reference,
      'HEAD',
      `manifests/${tagOrDigest}`,
      { accept: MANIFEST_ACCEPT },
      0,
    );
    if (answer.status === 404) return null;
    if (answer.status !== 200) throw unexpected(answer, `HEAD ${reference.name}:${tagOrDigest}`);
    const claimed = answer.headers.get('docker-content-digest');
    if (claimed !== null && /^sha256:[a-f0-9]{64}$/.test(claimed)) return claimed;
    return (await this.manifest(reference, tagOrDigest))?.digest ?? null;
  }

  /** GET a blob (an image config) by digest, verified; null when absent. */
  async blob(reference: ImageReference, digest: string, maxBytes: number): Promise<Buffer | null> {
    const answer = await this.send(reference, 'GET', `blobs/${digest}`, {}, maxBytes);
    if (answer.status === 404) return null;
    if (answer.status !== 200) throw unexpected(answer, `GET ${reference.name}@${digest}`);
    if (sha256(answer.body) !== digest) {
      throw new ParityError(
        'engine-error',
        `${reference.domain} served blob ${digest} of ${reference.path} with other content.`,
        'A proxy or mirror may be rewriting content; pull from the registry directly.',
      );
    }
    return answer.body;
  }

  private http(url: string, request: Omit<HttpRequest, 'timeoutMs' | 'signal'>): Promise<HttpAnswer> {
    return registryHttp(url, { ...request, timeoutMs: this.timeoutMs, signal: this.signal }, this.fetchImpl);
  }

  private async send(
    reference: ImageReference,
    method: 'GET' | 'HEAD',
    suffix: string,
    headers: Record<string, string>,
    maxBytes: number,
  ): Promise<HttpAnswer> {
    const url = `${apiBase(reference.domain, this.insecure)}/${reference.path}/${suffix}`;
    const key = `${reference.domain}/${reference.path}`;
    const known = this.authorizations.get(key);
    const first = await this.http(url, {
      method,
      headers: known === undefined ? headers : { ...headers, authorization: known },
      maxBytes,
    });
    if (first.status !== 401 && first.status !== 403) return first;
    if (first.status === 403 && known === undefined) throw this.refused(reference, undefined);

    const credentials = await this.credentials.lookup(reference.domain);
    const authorization = await this.authorize(reference, first, credentials);
    this.authorizations.set(key, authorization);
    const second = await this.http(url, { method, headers: { ...headers, authorization }, maxBytes });
    if (second.status === 401 || second.status === 403) {
      this.authorizations.delete(key);
      throw this.refused(reference, credentials);
    }
    return second;
  }

  private async authorize(
    reference: ImageReference,
    answer: HttpAnswer,
    credentials: RegistryCredentials | undefined,
  ): Promise<string> {
    const challenges = parseWwwAuthenticate(answer.headers.get('www-authenticate') ?? '');
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    if (bearer !== undefined) {
      const scope = `repository:${reference.path}:pull`;
      return `Bearer ${await this.tokens.token(bearer, scope, credentials)}`;
    }
    if (challenges.some((c) => c.scheme === 'basic')) {
      if (credentials?.username === undefined || credentials.password === undefined) {
        throw this.refused(reference, credentials);
      }
      return basicAuthorization(credentials.username, credentials.password);
    }
    throw this.refused(reference, credentials);
  }

  private refused(reference: ImageReference, credentials: RegistryCredentials | undefined): ParityError {
    const { domain, path } = reference;
    return credentials === undefined
      ? new ParityError(
          'engine-error',
          `${domain} refused to let Parity read ${path}: it needs a login, and ${this.credentials.origin} holds none for ${domain}.`,
          `Log in, then run again: docker login ${domain}`,
        )
      : new ParityError(
          'engine-error',
          `${domain} refused the credentials${credentials.username ? ` of ${credentials.username}` : ''} from ${credentials.source} for ${path}.`,
          `They may be outdated or lack access to ${path}: docker login ${domain}, then run again.`,
        );
  }
}

function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** A status the flow does not expect, with the registry's own error words when it sent some. */
function unexpected(answer: HttpAnswer, what: string): ParityError {
  let detail = '';
  try {
    const parsed = JSON.parse(answer.body.toString('utf8')) as {
      errors?: Array<{ code?: string; message?: string }>;
    };
    const first = parsed.errors?.[0];
    if (first) detail = `: ${[first.code, first.message].filter(Boolean).join(' ')}`;
  } catch {
    // Not JSON: the status says enough.
  }
  const hint =
    answer.status === 429
      ? 'The registry rate-limits this machine; log in (docker login) for a higher limit, or wait and run again.'
      : 'Try again; if it persists, the registry operator can tell why.';
  return new ParityError('engine-error', `${what} answered HTTP ${answer.status}${detail}.`, hint);
}
