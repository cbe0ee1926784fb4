import { DOCKER_HUB } from './image-reference';

/** Docker Hub's API lives on another host than the name people write. */
const DOCKER_HUB_API = 'registry-1.docker.io';

/** The key Docker stores Hub credentials under in config.json and asks credential helpers for. */
export const DOCKER_HUB_AUTH_KEY = 'https://index.docker.io/v1/';

/** `127.0.0.1:5000` → `127.0.0.1`; `[::1]:5000` → `::1`. */
export function hostnameOf(domain: string): string {
  if (domain.startsWith('[')) return domain.slice(1, domain.indexOf(']'));
  const colon = domain.lastIndexOf(':');
  return colon < 0 ? domain : domain.slice(0, colon);
}

/**
 * Docker treats 127.0.0.0/8 (and localhost) as an insecure registry without being told, so a loopback
 * registry speaks plain http; so does any registry listed in `insecure` (the daemon's
 * insecure-registries). Everything else is https.
 */
export function isPlainHttp(domain: string, insecure: readonly string[]): boolean {
  if (insecure.includes(domain)) return true;
  const host = hostnameOf(domain).toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** `http://127.0.0.1:5000/v2`, `https://registry-1.docker.io/v2` */
export function apiBase(domain: string, insecure: readonly string[]): string {
  const host = domain === DOCKER_HUB ? DOCKER_HUB_API : domain;
  return `${isPlainHttp(domain, insecure) ? 'http' : 'https'}://${host}/v2`;
}

/** What a credential helper is asked for, and the engine's X-Registry-Auth names as serveraddress. */
export function credentialServer(domain: string): string {
  return domain === DOCKER_HUB ? DOCKER_HUB_AUTH_KEY : domain;
}
