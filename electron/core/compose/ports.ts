import { isIP } from 'node:net';
import type { PortMapping, PortProtocol } from './model';
import type { RawPort } from './raw-compose';

/** A port entry Docker would refuse; the message says why in plain words. */
export class PortSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PortSpecError';
  }
}

const PROTOCOLS: readonly string[] = ['tcp', 'udp', 'sctp'] satisfies PortProtocol[];
export const PORT_HINT = 'write it like 8080:80, 127.0.0.1:8080:80/tcp or 3000-3005:3000-3005';

/**
 * Short syntax, `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`, with ranges and `[::1]`-style IPv6 host
 * IPs. A container range expands to one mapping per port, as Compose does, so every entry has one target.
 */
export function parsePortShort(spec: string | number): PortMapping[] {
  let rest = String(spec).trim();
  let protocol: PortProtocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash !== -1) {
    protocol = parseProtocol(rest.slice(slash + 1));
    rest = rest.slice(0, slash);
  }
  let hostIp: string | null = null;
  let parts = rest.split(':');
  const bracketed = /^\[([^\]]*)\]:(.*)$/.exec(rest);
  if (bracketed !== null) {
    hostIp = bracketed[1] ?? '';
    parts = (bracketed[2] ?? '').split(':');
    if (parts.length !== 2)
      throw new PortSpecError(`${JSON.stringify(spec)} is not a port mapping: ${PORT_HINT}`);
  } else if (parts.length > 2) {
    // Docker reads everything before the last two colons as the host IP, which lets bare IPv6 through.
    hostIp = parts.slice(0, -2).join(':');
    parts = parts.slice(-2);
  }
  const [first = '', second] = parts;
  const targetText = second ?? first;
  const publishedText = second === undefined ? '' : first;
  const [targetStart, targetEnd] = portRange(targetText, spec);
  const published = publishedText === '' ? null : portRange(publishedText, spec);
  const ip = checkHostIp(hostIp);

  if (targetStart === targetEnd) {
    const host = published === null ? null : rangeText(published);
    return [{ hostIp: ip, published: host, target: targetStart, protocol }];
  }
  if (published !== null && published[1] - published[0] !== targetEnd - targetStart) {
    throw new PortSpecError(
      `${JSON.stringify(spec)} maps a range of container ports onto a host range of another size`,
    );
  }
  const mappings: PortMapping[] = [];
  for (let offset = 0; offset <= targetEnd - targetStart; offset++) {
    mappings.push({
      hostIp: ip,
      published: published === null ? null : String(published[0] + offset),
      target: targetStart + offset,
      protocol,
    });
  }
  return mappings;
}

/** Long syntax: `{ target, published, host_ip, protocol }`. */
export function parsePortLong(raw: RawPort): PortMapping {
  if (raw.target === undefined) throw new PortSpecError('a port entry needs a `target` (the container port)');
  const target = checkPort(raw.target, raw.target);
  let published: string | null = null;
  if (raw.published !== undefined && raw.published !== '') {
    published = rangeText(portRange(String(raw.published), raw.published));
  }
  return {
    hostIp: checkHostIp(raw.host_ip ?? null),
    published,
    target,
    protocol: raw.protocol === undefined ? 'tcp' : parseProtocol(raw.protocol),
  };
}

export function isPortSpec(spec: string): boolean {
  try {
    parsePortShort(spec);
    return true;
  } catch {
    return false;
  }
}

function parseProtocol(text: string): PortProtocol {
  const protocol = text.toLowerCase();
  if (protocol === 'tcp' || protocol === 'udp' || protocol === 'sctp') return protocol;
  throw new PortSpecError(`${JSON.stringify(text)} is not a protocol: use ${PROTOCOLS.join(', ')}`);
}

function portRange(text: string, spec: string | number): [number, number] {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (match === null) throw new PortSpecError(`${JSON.stringify(spec)} is not a port mapping: ${PORT_HINT}`);
  const start = checkPort(Number(match[1]), spec);
  const end = match[2] === undefined ? start : checkPort(Number(match[2]), spec);
  if (end < start) throw new PortSpecError(`${JSON.stringify(spec)} has a port range that runs backwards`);
  return [start, end];
}

function checkPort(port: number, spec: string | number): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new PortSpecError(`${JSON.stringify(spec)}: a port is a whole number from 1 to 65535`);
  }
  return port;
}

function checkHostIp(ip: string | null): string | null {
  if (ip === null || ip === '') return null;
  if (isIP(ip) === 0) throw new PortSpecError(`${JSON.stringify(ip)} is not an IP address to publish on`);
  return ip;
}

function rangeText([start, end]: [number, number]): string {
  return start === end ? String(start) : `${start}-${end}`;
}
