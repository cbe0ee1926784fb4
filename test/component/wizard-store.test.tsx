import { describe, expect, it } from 'vitest';
import { buildApi, type Transport } from '../../shared/api-client';
import { emptyWizardState, type WizardState } from '../../shared/wizard-schema';
import { applyPullLine, imageFraction } from '../../renderer/src/screens/setup/pull-board';
import { applyStackLine } from '../../renderer/src/screens/setup/stack-board';
import { createSettingsStore } from '../../renderer/src/screens/settings/settings-store';
import { createWizardStore } from '../../renderer/src/screens/setup/wizard-store';

/** The real API object over a scripted transport: answers per method, wizard state kept in memory. */
function api(answers: Record<string, unknown>): ReturnType<typeof buildApi> {
  let saved: WizardState = emptyWizardState;
  const call: Transport['call'] = async (method, request) => {
    if (method === 'wizard:state') return { result: saved };
    if (method === 'wizard:save') {
      saved = (request as { state: WizardState }).state;
      return { result: saved };
    }
    if (method === 'settings:save') return { result: (request as { settings: unknown }).settings };
    const answer = answers[method];
    if (answer instanceof Error)
      return { error: { code: 'engine-unreachable', message: answer.message, hint: 'Run npm run lab:up.' } };
    return { result: answer };
  };
  return buildApi({ call, subscribe: () => () => {} });
}

describe('the wizard store', () => {
  it('a blocking host finding fails the host step with the finding, why and the command', async () => {
    const store = createWizardStore(
      api({
        'host:doctor': {
          findings: [
            {
              kind: 'engine-missing',
              severity: 'error',
              message: 'No engine answers.',
              evidence: {},
              remediation: { summary: 'Start Docker.', commands: ['sudo systemctl start docker'] },
            },
          ],
        },
      }),
      '/w/lab',
    );
    await store.getState().load();
    await store.getState().run();
    const { failure, saved } = store.getState();
    expect(saved.step).toBe('host');
    expect(failure?.finding).toBe('No engine answers.');
    expect(failure?.fix).toBe('sudo systemctl start docker');
    expect(failure?.command).toBe("npx parity doctor --workspace '/w/lab'");
    expect(failure?.why).toMatch(/engine/);
  });

  it('a passing host step is saved and the wizard moves to the pull', async () => {
    const store = createWizardStore(api({ 'host:doctor': { findings: [] } }), '/w/lab');
    await store.getState().load();
    await store.getState().run();
    expect(store.getState().saved.step).toBe('pull');
    expect(store.getState().saved.done).toEqual(['host']);
    expect(store.getState().saved.startedAt).not.toBeNull();
  });

  it('an API error fails the step with its message and hint', async () => {
    const store = createWizardStore(api({ 'host:doctor': new Error('The engine is down.') }), '/w/lab');
    await store.getState().load();
    await store.getState().run();
    expect(store.getState().failure?.finding).toBe('The engine is down.');
    expect(store.getState().failure?.fix).toBe('Run npm run lab:up.');
  });

  it('compare asks to confirm an untrusted staging host key before any check', async () => {
    const store = createWizardStore(
      api({ 'staging:hostKey': { target: 'u@h:22', fingerprint: 'SHA256:abc', trusted: false } }),
      '/w/lab',
    );
    await store.getState().load();
    store.setState({ saved: { ...emptyWizardState, step: 'compare' } });
    await store.getState().run();
    expect(store.getState().hostKey).toEqual({ target: 'u@h:22', fingerprint: 'SHA256:abc' });
    expect(store.getState().report).toBeNull();
  });
});

describe('the progress boards', () => {
  it('pull lines make per-image and per-layer progress and a verified digest', () => {
    let board = applyPullLine(
      {},
      JSON.stringify({ type: 'image-start', service: 'app', reference: 'r@sha256:1' }),
    );
    board = applyPullLine(
      board,
      JSON.stringify({
        type: 'layer',
        service: 'app',
        layer: 'l1',
        status: 'Downloading',
        current: 5,
        total: 10,
      }),
    );
    expect(imageFraction(board['app']!)).toBe(0.5);
    board = applyPullLine(
      board,
      JSON.stringify({ type: 'image-done', service: 'app', reference: 'r@sha256:1', verified: true }),
    );
    expect(board['app']?.state).toBe('verified');
    expect(applyPullLine(board, 'not json')).toBe(board);
  });

  it('stack lines show waits and time to healthy', () => {
    let board = applyStackLine(
      {},
      JSON.stringify({ kind: 'waiting-for', service: 'app', dependency: 'db', condition: 'service_healthy' }),
    );
    expect(board['app']?.waitingFor).toBe('db (service_healthy)');
    board = applyStackLine(board, JSON.stringify({ kind: 'healthy', service: 'app', msToHealthy: 1500 }));
    expect(board['app']).toEqual({ state: 'healthy', waitingFor: null, msToHealthy: 1500 });
  });
});

describe('the settings store', () => {
  it('refuses a bad value naming the field, saves good ones', async () => {
    const store = createSettingsStore(api({}));
    const bad = await store
      .getState()
      .save({ engineSocket: 'docker.sock', sshIdentity: '', stagingHost: '', theme: 'dark' });
    expect(bad).toBe(false);
    expect(store.getState().invalid.engineSocket).toMatch(/engine address/);
    const good = await store
      .getState()
      .save({ engineSocket: '', sshIdentity: '/k/id', stagingHost: 'u@h:2222', theme: 'dark' });
    expect(good).toBe(true);
    expect(store.getState().settings.theme).toBe('dark');
  });
});
