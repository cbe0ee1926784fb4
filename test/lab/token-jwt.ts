import { createPrivateKey, randomUUID, sign } from 'node:crypto';

export interface TokenAccess {
  type: string;
  name: string;
  actions: string[];
}

export interface TokenClaims {
  issuer: string;
  audience: string;
  subject: string;
  access: TokenAccess[];
  lifetimeSeconds: number;
}

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/** The certificate's DER as standard base64: what a JWT's x5c header carries (RFC 7515 §4.1.6). */
export function certificateDer(certPem: string): string {
  return certPem
    .replace(/-----(BEGIN|END) CERTIFICATE-----/g, '')
    .replace(/\s+/g, '')
    .trim();
}

/**
 * An RS256 JWT as docker/distribution's token auth verifies it: the x5c header carries the signing
 * certificate, which the registry checks against its rootcertbundle (a kid would need libtrust's key ID).
 */
export function signRegistryToken(
  claims: TokenClaims,
  keyPem: string,
  certPem: string,
  now = Date.now(),
): string {
  const header = { alg: 'RS256', typ: 'JWT', x5c: [certificateDer(certPem)] };
  const issuedAt = Math.floor(now / 1000);
  const payload = {
    iss: claims.issuer,
    sub: claims.subject,
    aud: claims.audience,
    // A little slack backwards: the registry and this server share a clock, but a second boundary can still bite.
    nbf: issuedAt - 10,
    iat: issuedAt,
    exp: issuedAt + claims.lifetimeSeconds,
    jti: randomUUID(),
    access: claims.access,
  };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signature = sign('sha256', Buffer.from(input), createPrivateKey(keyPem));
  return `${input}.${base64url(signature)}`;
}
