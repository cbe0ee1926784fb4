import { describe, expect, it } from 'vitest';
import { snapshotFromSections } from '../../electron/core/snapshot/staging-snapshot';
import { parseSections } from '../../electron/core/staging/staging-output';
import type { SnapshotSpec } from '../../electron/core/snapshot/snapshot-spec';

const kinds = new Set(['engine', 'container', 'env', 'health', 'seed']);
const spec: SnapshotSpec = {
  project: 'shop',
  salt: 's',
  health: [
    {
      service: 'web',
      url: 'http://127.0.0.1:8080/health',
      inContainerUrl: 'http://127.0.0.1:80/health',
      ignore: ['$.time'],
    },
  ],
  seed: null,
};
const container = JSON.stringify({
  Name: '/shop-web-1',
  State: {
    Status: 'running',
    Health: { Status: 'healthy', Log: [{ ExitCode: 0, Output: 'ok\u001b[31m red\u0007\n', End: 't' }] },
  },
  Config: {
    Image: 'web@sha256:abc',
    Labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web' },
  },
  Image: 'sha256:img',
  RestartCount: 2,
});

describe('parsing staging’s collected output', () => {
  it('builds evidence from sections, stripping control characters from remote text', () => {
    const output = [
      'noise before any header',
      '@@container abc',
      container,
      '@@env abc',
      `PATH ${'a'.repeat(64)}`,
      'not a hash line',
      `BAD KEY ${'b'.repeat(64)}`,
      '@@health web',
      '{"time": 5, "b": 1, "a": {"d": 2, "c": 1}}',
      '@@seed',
      `${'c'.repeat(64)}`,
      '@@end',
      'after the end is ignored',
    ].join('\n');
    const snapshot = snapshotFromSections(parseSections(output, new Set([...kinds, 'seed'])), spec);
    expect(snapshot.services['web']).toMatchObject({
      container: 'shop-web-1',
      restartCount: 2,
      env: { PATH: `sha256:${'a'.repeat(64)}` },
      lastProbes: [{ exitCode: 0, output: 'ok[31m red', end: 't' }],
    });
    expect(Object.keys(snapshot.services['web']?.env ?? {})).toEqual(['PATH']);
    expect(JSON.stringify(snapshot.health['web'])).toBe('{"payload":{"a":{"c":1,"d":2},"b":1}}');
    expect(snapshot.data.seed).toBe(`sha256:${'c'.repeat(64)}`);
  });

  it('refuses output that was cut short, and survives garbage sections', () => {
    expect(() => parseSections('@@container x\n{"Name":', kinds)).toThrow(/ended before/);
    const snapshot = snapshotFromSections(
      parseSections(
        '@@container x\n{not json\n@@health web\n{}\n@@bogus is content, not a header\n@@seed\nnot-hex\n@@end',
        kinds,
      ),
      spec,
    );
    expect(snapshot.services).toEqual({});
    expect(snapshot.health['web']).toEqual({ error: 'the payload is not JSON' });
    expect(snapshot.data.seed).toBeNull();
  });
});
