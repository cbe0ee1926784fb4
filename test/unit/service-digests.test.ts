import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { snapshotSchema, type Snapshot } from '../../shared/snapshot-schema';
import { serviceDigests } from '../../electron/core/drift/service-digests';

const snapshot = (side: string): Snapshot =>
  snapshotSchema.parse(JSON.parse(readFileSync(`test/fixtures/snapshots/${side}.json`, 'utf8')));

const APP = 'sha256:1e186479bdab4921ff72a25da1d69e8f2211485d4852cf8940236360ec6e021b';
const OTHER = `sha256:${'a'.repeat(64)}`;

describe('the digests per service', () => {
  it('names pinned, running and staging side by side, null where a side has none', () => {
    const local = snapshot('local');
    const staging = snapshot('staging');
    const app = local.services['app'];
    if (app === undefined) throw new Error('fixture has no app');
    // Staging runs another build of app; db runs nowhere on staging.
    const stagingApp = {
      ...app,
      image: {
        ...app.image,
        id: 'sha256:other',
        repoDigests: [`r/app@${OTHER}`],
        reference: `r/app@${OTHER}`,
      },
    };
    const stagingServices = Object.fromEntries(
      Object.entries(staging.services).filter(([service]) => service !== 'db'),
    );
    const digests = serviceDigests(
      { app: `127.0.0.1:5000/parity/app@${APP}`, cache: 'redis:7' },
      local,
      { ...staging, services: { ...stagingServices, app: stagingApp } },
      't',
    );
    const byService = Object.fromEntries(digests.services.map((s) => [s.service, s]));
    expect(byService['app']).toEqual({ service: 'app', pinned: APP, running: APP, staging: OTHER });
    expect(byService['cache']).toEqual({ service: 'cache', pinned: null, running: null, staging: null });
    expect(byService['db']?.staging).toBeNull();
    expect(byService['db']?.running).toMatch(/^sha256:/);
    expect(digests.checkedAt).toBe('t');
  });
});
