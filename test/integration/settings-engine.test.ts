import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api-dispatch';
import { DockerEngine } from '../../electron/core/engine/docker-engine';
import { socketPathOf } from '../../electron/core/engine/engine-endpoint';
import { openWorkspace } from '../../electron/core/workspace/workspace';
import { createServices, type Services } from '../../electron/services';
import type { EventPayloads } from '../../shared/events';
import { defaultSettings } from '../../shared/wizard-schema';
import { loadLab } from '../lab/lab-config';
import { ensureImage } from '../support/ensure-image';

const lab = loadLab();
const savedDockerHost = process.env['DOCKER_HOST'];
let scratch: string;
let services: Services;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'parity-it-settings-engine-'));
  // A copy of the lab workspace opened the way a developer opens a folder: it names no engine of its own.
  cpSync(lab.workspace, join(scratch, 'workspace'), { recursive: true });
  const workspace = await openWorkspace(join(scratch, 'workspace'));
  // DOCKER_HOST points nowhere: whatever answers below was reached through the Settings' socket.
  process.env['DOCKER_HOST'] = `unix://${join(scratch, 'no-engine.sock')}`;
  const engine = await DockerEngine.connect(socketPathOf(lab.engine.socket));
  for (const ref of Object.values(lab.images.app)) await ensureImage(engine, ref);
  services = createServices({ version: 'test', mode: 'browser', workspace, dataDir: join(scratch, 'data') });
});

afterAll(() => {
  if (savedDockerHost === undefined) delete process.env['DOCKER_HOST'];
  else process.env['DOCKER_HOST'] = savedDockerHost;
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function streamEnd(streamId: string): Promise<EventPayloads['stream:end']> {
  return new Promise((resolve) => {
    const off = services.bus.subscribe((event, payload) => {
      if (event === 'stream:end' && payload.streamId === streamId) {
        off();
        resolve(payload as EventPayloads['stream:end']);
      }
    });
  });
}

describe('the engine socket from Settings takes effect', () => {
  it('without it the app follows DOCKER_HOST (here: nothing), with it every handler uses that engine', async () => {
    const before = await dispatch(services.handlers, 'engine:version', {});
    expect(before).toMatchObject({ error: { code: 'engine-unreachable' } });

    const saved = await dispatch(services.handlers, 'settings:save', {
      settings: { ...defaultSettings, engineSocket: lab.engine.socket },
    });
    expect(saved).toMatchObject({ result: { engineSocket: lab.engine.socket } });

    const after = await dispatch(services.handlers, 'engine:version', {});
    expect(after).toMatchObject({ result: { socket: socketPathOf(lab.engine.socket) } });

    // The wizard's pull goes to the same engine: every image pulled by digest and verified there.
    const started = (await dispatch(services.handlers, 'images:pull', {})) as {
      result: { streamId: string };
    };
    const end = await streamEnd(started.result.streamId);
    expect(end.error).toBeUndefined();
    const result = end.result as { pulled: Array<{ service: string; verified: boolean }>; failed: unknown[] };
    expect(result.failed).toEqual([]);
    expect(result.pulled.map((p) => [p.service, p.verified]).sort()).toEqual([
      ['app', true],
      ['db', true],
    ]);

    // The host check judges that engine too, not the missing DOCKER_HOST one.
    const doctor = (await dispatch(services.handlers, 'host:doctor', {})) as {
      result: { findings: Array<{ kind: string; severity: string }> };
    };
    expect(doctor.result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('a socket Parity cannot use is refused with what to do, not reported as a bug', async () => {
    await dispatch(services.handlers, 'settings:save', {
      settings: { ...defaultSettings, engineSocket: 'tcp://127.0.0.1:2375' },
    });
    expect(await dispatch(services.handlers, 'engine:version', {})).toMatchObject({
      error: { code: 'engine-unreachable', hint: expect.stringMatching(/Settings/) },
    });
  });
});
