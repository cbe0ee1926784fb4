import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApi, type Transport } from '../../shared/api-client';
import { ApiProvider } from '../../renderer/src/api/api-context';
import { App } from '../../renderer/src/app';
import { defaultSettings, emptyWizardState } from '../../shared/wizard-schema';

const engine = {
  socket: '/run/lab/docker.sock',
  version: '20.10.24+dfsg1',
  apiVersion: '1.41',
  minApiVersion: '1.12',
  os: 'linux',
  arch: 'amd64',
  kernelVersion: '6.1.0',
};

/** The real API object over a scripted transport: the same interface the app gets from IPC or WebSocket. */
function apiAnswering(engineAnswers: Array<'ok' | 'down'>): ReturnType<typeof buildApi> {
  const call: Transport['call'] = async (method) => {
    if (method === 'containers:list') return { result: [] };
    if (method === 'host:doctor') return { result: { findings: [] } };
    if (method === 'settings:get') return { result: defaultSettings };
    if (method === 'wizard:state') return { result: emptyWizardState };
    if (method === 'drift:last' || method === 'drift:digests') return { result: null };
    if (method === 'app:info') {
      return {
        result: { version: '0.1.0', mode: 'browser', workspace: { name: 'parity-lab', path: '/w/lab' } },
      };
    }
    const next = engineAnswers.shift() ?? 'ok';
    return next === 'ok'
      ? { result: engine }
      : {
          error: {
            code: 'engine-unreachable',
            message: 'No Docker Engine answers.',
            hint: 'Run npm run lab:up.',
          },
        };
  };
  return buildApi({ call, subscribe: () => () => {} });
}

afterEach(cleanup);

describe('the home screen', () => {
  it('shows the workspace and the engine version that the API reports', async () => {
    render(
      <ApiProvider api={apiAnswering(['ok'])}>
        <App />
      </ApiProvider>,
    );
    expect((await screen.findByTestId('engine-version')).textContent).toBe('20.10.24+dfsg1');
    expect(screen.getByTestId('engine-api').textContent).toBe('1.41');
    expect(screen.getByTestId('workspace-name').textContent).toBe('parity-lab');
  });

  it('says why the engine is unreachable, what to do, and recovers on retry', async () => {
    render(
      <ApiProvider api={apiAnswering(['down', 'ok'])}>
        <App />
      </ApiProvider>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('No Docker Engine answers.');
    expect(alert.textContent).toContain('Run npm run lab:up.');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    });
    expect((await screen.findByTestId('engine-version')).textContent).toBe('20.10.24+dfsg1');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
