import { describe, expect, it } from 'vitest';
import { parsePortLong, parsePortShort, PortSpecError } from '../../electron/core/compose/ports';
import {
  parseVolumeLong,
  parseVolumeShort,
  resolveHostPath,
  VolumeSpecError,
} from '../../electron/core/compose/volumes';

describe('ports', () => {
  it.each([
    ['80', [{ hostIp: null, published: null, target: 80, protocol: 'tcp' }]],
    [80, [{ hostIp: null, published: null, target: 80, protocol: 'tcp' }]],
    ['8080:80', [{ hostIp: null, published: '8080', target: 80, protocol: 'tcp' }]],
    ['127.0.0.1:8080:80/tcp', [{ hostIp: '127.0.0.1', published: '8080', target: 80, protocol: 'tcp' }]],
    ['127.0.0.1::80', [{ hostIp: '127.0.0.1', published: null, target: 80, protocol: 'tcp' }]],
    ['53:53/udp', [{ hostIp: null, published: '53', target: 53, protocol: 'udp' }]],
    ['[::1]:8080:80', [{ hostIp: '::1', published: '8080', target: 80, protocol: 'tcp' }]],
    ['::1:8080:80', [{ hostIp: '::1', published: '8080', target: 80, protocol: 'tcp' }]],
    ['8000-8010:80', [{ hostIp: null, published: '8000-8010', target: 80, protocol: 'tcp' }]],
    [
      '9000-9001:3000-3001/sctp',
      [
        { hostIp: null, published: '9000', target: 3000, protocol: 'sctp' },
        { hostIp: null, published: '9001', target: 3001, protocol: 'sctp' },
      ],
    ],
    [
      '3000-3001',
      [
        { hostIp: null, published: null, target: 3000, protocol: 'tcp' },
        { hostIp: null, published: null, target: 3001, protocol: 'tcp' },
      ],
    ],
  ] as const)('short syntax %j', (spec, expected) => {
    expect(parsePortShort(spec)).toEqual(expected);
  });

  it.each([
    ['8080:80/icmp', /not a protocol/],
    ['http', /not a port mapping/],
    ['0', /from 1 to 65535/],
    ['70000:80', /from 1 to 65535/],
    ['localhost:8080:80', /not an IP address/],
    ['9000-9002:3000-3001', /another size/],
    ['3010-3000', /backwards/],
    ['[::1]:80', /not a port mapping/],
  ])('refuses %j', (spec, message) => {
    expect(() => parsePortShort(spec)).toThrow(PortSpecError);
    expect(() => parsePortShort(spec)).toThrow(message);
  });

  it('reads the long syntax', () => {
    expect(parsePortLong({ target: 80, published: 8080, host_ip: '127.0.0.1', protocol: 'udp' })).toEqual({
      hostIp: '127.0.0.1',
      published: '8080',
      target: 80,
      protocol: 'udp',
    });
    expect(parsePortLong({ target: 80, published: '8000-8010' })).toMatchObject({ published: '8000-8010' });
    expect(parsePortLong({ target: 80 })).toEqual({
      hostIp: null,
      published: null,
      target: 80,
      protocol: 'tcp',
    });
    expect(() => parsePortLong({ published: 80 })).toThrow(/needs a `target`/);
  });
});

describe('volumes', () => {
  it.each([
    ['data:/var/lib/data', { type: 'volume', source: 'data', target: '/var/lib/data', readOnly: false }],
    ['data:/var/lib/data:ro', { type: 'volume', source: 'data', target: '/var/lib/data', readOnly: true }],
    ['./seed:/seed:ro,z', { type: 'bind', source: './seed', target: '/seed', readOnly: true }],
    [
      '/etc/hosts:/etc/hosts:rw',
      { type: 'bind', source: '/etc/hosts', target: '/etc/hosts', readOnly: false },
    ],
    ['~/.cache:/cache', { type: 'bind', source: '~/.cache', target: '/cache', readOnly: false }],
    ['C:\\data:/data', { type: 'bind', source: 'C:\\data', target: '/data', readOnly: false }],
    ['/anonymous', { type: 'volume', source: null, target: '/anonymous', readOnly: false }],
  ] as const)('short syntax %j', (spec, expected) => {
    expect(parseVolumeShort(spec)).toEqual(expected);
  });

  it.each([
    ['data:relative', /absolute path/],
    [':/x', /empty source/],
    ['data:/x:sometimes', /unknown mode/],
    ['data:/x:ro,rw', /both read-only/],
    ['data:/b:ro:extra', /too many/],
  ])('refuses %j', (spec, message) => {
    expect(() => parseVolumeShort(spec)).toThrow(VolumeSpecError);
    expect(() => parseVolumeShort(spec)).toThrow(message);
  });

  it('reads the long syntax, and hands back types it does not model', () => {
    expect(parseVolumeLong({ type: 'bind', source: './src', target: '/src', read_only: true })).toEqual({
      type: 'bind',
      source: './src',
      target: '/src',
      readOnly: true,
    });
    expect(parseVolumeLong({ type: 'volume', target: '/anon' })).toMatchObject({ source: null });
    expect(parseVolumeLong({ type: 'tmpfs', target: '/tmp' })).toMatchObject({ type: 'tmpfs', source: null });
    expect(parseVolumeLong({ type: 'npipe', source: '\\\\.\\pipe\\docker', target: '/pipe' })).toBeNull();
    expect(() => parseVolumeLong({ type: 'bind', target: '/src' })).toThrow(/needs a `source`/);
    expect(() => parseVolumeLong({ type: 'tmpfs', source: 'x', target: '/tmp' })).toThrow(
      /takes no `source`/,
    );
  });

  it('resolves bind sources against the compose folder and the given HOME', () => {
    expect(resolveHostPath('./seed', '/srv/project', undefined)).toBe('/srv/project/seed');
    expect(resolveHostPath('../shared/x', '/srv/project', undefined)).toBe('/srv/shared/x');
    expect(resolveHostPath('/abs//path/', '/srv/project', undefined)).toBe('/abs/path');
    expect(resolveHostPath('~/.cache', '/srv/project', '/home/dev')).toBe('/home/dev/.cache');
    expect(resolveHostPath('~', '/srv/project', '/home/dev')).toBe('/home/dev');
    expect(() => resolveHostPath('~/.cache', '/srv/project', undefined)).toThrow(/HOME is not set/);
  });
});
