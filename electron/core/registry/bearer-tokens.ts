import { ParityError } from '../parity-error';
import type { RegistryCredentials } from './credentials';
import type { HttpAnswer, HttpRequest } from './registry-http';
import type { Challenge } from './www-authenticate';

/** Tokens are a few KiB; a megabyte is already generous. */
const MAX_TOKEN_BYTES = 1024 * 1024;
/** Token servers may leave expires_in out; the distribution spec says to assume 60 seconds then. */
const DEFAULT_TOKEN_SECONDS = 60;
/** Renew a little before expiry, so a token never runs out between checking and using it. */
const EXPIRY_MARGIN_MS = 10_000;

type Send = (url: string, request: Omit<HttpRequest, 'timeoutMs' | 'signal'>) => Promise<HttpAnswer>;

interface CachedToken {
  token: string;
  expiresAt: number;
}

/**
 * The bearer-token flow of the distribution spec: the registry's 401 names a realm (the token server), a
 * service and a scope; the token server, given Basic credentials (or an identity token, via the OAuth2
 * refresh-token grant), answers with a JWT the registry accepts. Anonymous requests get a token too: public
 * images on Docker Hub and GHCR need one. Tokens are cached per realm, service, scope and user until they
 * expire.
 */
export class BearerTokens {
  private readonly cache = new Map<string, CachedToken>();

  constructor(
    private readonly send: Send,
    private readonly now: () => number = Date.now,
  ) {}

  async token(
    challenge: Challenge,
    scope: string,
    credentials: RegistryCredentials | undefined,
  ): Promise<string> {
    const realm = challenge.params['realm'];
    if (realm === undefined || !/^https?:\/\//i.test(realm)) {
      throw new ParityError(
        'engine-error',
        `The registry asked for a bearer token but named no token server (realm "${realm ?? ''}").`,
        'The registry is misconfigured; tell whoever runs it.',
      );
    }
    const service = challenge.params['service'];
    const who = credentials?.identityToken ? 'identity-token' : (credentials?.username ?? '');
    const key = JSON.stringify([realm, service, scope, who]);
    const cached = this.cache.get(key);
    if (cached !== undefined && cached.expiresAt > this.now()) return cached.token;

    const answer = credentials?.identityToken
      ? await this.refreshTokenGrant(realm, service, scope, credentials.identityToken)
      : await this.basicGrant(realm, service, scope, credentials);
    const host = new URL(realm).host;
    if (answer.status === 401 || answer.status === 403) {
      throw new ParityError(
        'engine-error',
        credentials === undefined
          ? `The token server ${host} refused an anonymous token for ${scope}.`
          : `The token server ${host} refused the credentials${credentials.username ? ` of ${credentials.username}` : ''} from ${credentials.source} (HTTP ${answer.status}).`,
        'Log in again with docker login for that registry, then run again.',
      );
    }
    if (answer.status !== 200) {
      throw new ParityError(
        'engine-error',
        `The token server ${host} answered HTTP ${answer.status} when asked for a token for ${scope}.`,
        'Try again later; if it persists, the registry operator can tell why.',
      );
    }
    const token = parseTokenAnswer(answer.body, host);
    this.cache.set(key, {
      token: token.token,
      expiresAt: this.now() + token.expiresInSeconds * 1000 - EXPIRY_MARGIN_MS,
    });
    return token.token;
  }

  private basicGrant(
    realm: string,
    service: string | undefined,
    scope: string,
    credentials: RegistryCredentials | undefined,
  ): Promise<HttpAnswer> {
    const url = new URL(realm);
    if (service !== undefined) url.searchParams.set('service', service);
    url.searchParams.set('scope', scope);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (credentials?.username !== undefined && credentials.password !== undefined) {
      url.searchParams.set('account', credentials.username);
      headers['authorization'] = basicAuthorization(credentials.username, credentials.password);
    }
    return this.send(url.toString(), { method: 'GET', headers, maxBytes: MAX_TOKEN_BYTES });
  }

  private refreshTokenGrant(
    realm: string,
    service: string | undefined,
    scope: string,
    refreshToken: string,
  ): Promise<HttpAnswer> {
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: 'parity',
      scope,
      ...(service === undefined ? {} : { service }),
    });
    return this.send(realm, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      maxBytes: MAX_TOKEN_BYTES,
    });
  }
}

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

/** Token servers answer `token` (Docker's spec) or `access_token` (OAuth2), sometimes both. */
function parseTokenAnswer(body: Buffer, host: string): { token: string; expiresInSeconds: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const record = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const token = typeof record['token'] === 'string' ? record['token'] : record['access_token'];
  if (typeof token !== 'string' || token === '') {
    throw new ParityError(
      'engine-error',
      `The token server ${host} answered without a token.`,
      'The registry is misconfigured; tell whoever runs it.',
    );
  }
  const expires = record['expires_in'];
  const expiresInSeconds =
    typeof expires === 'number' && Number.isFinite(expires) && expires > 0 ? expires : DEFAULT_TOKEN_SECONDS;
  return { token, expiresInSeconds };
}
