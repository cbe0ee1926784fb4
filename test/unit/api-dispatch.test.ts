import { describe, expect, it } from 'vitest';
import { dispatch, type Handlers } from '../../electron/api-dispatch';
import { ParityError } from '../../electron/core/parity-error';

const engine = {
  socket: '/run/x.sock',
  version: '20.10.24',
  apiVersion: '1.41',
  minApiVersion: '1.12',
  os: 'linux',
  arch: 'amd64',
  kernelVersion: '6.1',
};

const notHere = async (): Promise<never> => {
  throw new Error('not used here');
};

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    'app:info': async () => ({ version: '1.2.3', mode: 'browser', workspace: null }),
    'engine:version': async () => engine,
    'containers:list': async () => [],
    'logs:follow': async () => ({ streamId: 's1' }),
    'stream:cancel': async () => ({ cancelled: false }),
    'exec:open': async () => ({ streamId: 's3' }),
    'exec:input': async () => ({ accepted: true }),
    'exec:resize': async () => ({ resized: true }),
    'host:doctor': async () => ({ findings: [] }),
    'seed:run': async () => ({ streamId: 's2' }),
    'workspace:open': async ({ path }) => ({ name: 'w', path }),
    'workspace:recent': async () => ({ recent: [], demo: null }),
    'images:pull': notHere,
    'stack:up': notHere,
    'drift:check': notHere,
    'drift:last': notHere,
    'drift:digests': notHere,
    'remediation:apply': notHere,
    'staging:hostKey': notHere,
    'staging:trustHost': notHere,
    'wizard:state': notHere,
    'wizard:save': notHere,
    'settings:get': notHere,
    'settings:save': notHere,
    // Baselines and reset.
    'baseline:list': notHere,
    'baseline:save': notHere,
    'rollback:run': notHere,
    'rollback:undo': notHere,
    ...overrides,
  };
}

describe('dispatch: the trust boundary', () => {
  it('answers a valid call with its result', async () => {
    expect(await dispatch(handlers(), 'engine:version', {})).toEqual({ result: engine });
    expect(await dispatch(handlers(), 'app:info', undefined)).toEqual({
      result: { version: '1.2.3', mode: 'browser', workspace: null },
    });
  });

  it('refuses a method outside the contract', async () => {
    const answer = await dispatch(handlers(), 'fs:readFile', { path: '/etc/shadow' });
    expect(answer).toEqual({
      error: { code: 'unknown-method', message: 'There is no API method "fs:readFile".' },
    });
    expect(await dispatch(handlers(), { toString: 1 }, {})).toMatchObject({
      error: { code: 'unknown-method' },
    });
  });

  it('refuses a request that does not match the schema, naming the key', async () => {
    let called = false;
    const answer = await dispatch(
      handlers({
        'app:info': async () => {
          called = true;
          return { version: '', mode: 'browser', workspace: null };
        },
      }),
      'app:info',
      { smuggled: true },
    );
    expect(called).toBe(false);
    expect(answer).toMatchObject({ error: { code: 'invalid-request' } });
    expect(JSON.stringify(answer)).toContain('smuggled');
    expect(await dispatch(handlers(), 'app:info', 'a string')).toMatchObject({
      error: { code: 'invalid-request' },
    });
  });

  it('turns a ParityError into its code, message and hint', async () => {
    const answer = await dispatch(
      handlers({
        'engine:version': async () => {
          throw new ParityError('engine-unreachable', 'No engine.', 'Start it.');
        },
      }),
      'engine:version',
      {},
    );
    expect(answer).toEqual({
      error: { code: 'engine-unreachable', message: 'No engine.', hint: 'Start it.' },
    });
  });

  it('reports an unexpected failure as internal, without a stack trace', async () => {
    const answer = await dispatch(
      handlers({
        'engine:version': async () => {
          throw new TypeError('boom');
        },
      }),
      'engine:version',
      {},
    );
    expect(answer).toMatchObject({ error: { code: 'internal' } });
    expect(JSON.stringify(answer)).toContain('boom');
    expect(JSON.stringify(answer)).not.toMatch(/at .*\.ts:\d+/);
  });
});
