import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApi, type Transport } from '../../shared/api-client';
import type { ContainerSummary } from '../../shared/contract';
import { ApiProvider } from '../../renderer/src/api/api-context';
import { createShellInput, splitInput } from '../../renderer/src/screens/terminal/shell-input';
import { TerminalScreen } from '../../renderer/src/screens/terminal/terminal-screen';
import { createTerminalStore } from '../../renderer/src/screens/terminal/terminal-store';

afterEach(cleanup);

const running: ContainerSummary = {
  id: 'a1',
  name: 'lab-db-1',
  image: 'postgres',
  state: 'running',
  health: 'healthy',
  project: 'lab',
  service: 'db',
};
const exited: ContainerSummary = {
  ...running,
  id: 'b2',
  name: 'lab-migrate-1',
  state: 'exited',
  service: 'migrate',
};

function apiWith(call: Transport['call']): ReturnType<typeof buildApi> {
  return buildApi({ call, subscribe: () => () => {} });
}

describe('the terminal store', () => {
  it('offers only running containers and records how a session ended', async () => {
    const store = createTerminalStore(apiWith(async () => ({ result: [running, exited] })));
    await store.getState().refresh();
    expect(store.getState().containers.map((c) => c.name)).toEqual(['lab-db-1']);
    store.getState().open('shell', 'lab-db-1');
    const first = store.getState().session;
    expect(first).toMatchObject({ kind: 'shell', container: 'lab-db-1' });
    store.getState().sessionEnded(undefined, { exitCode: 3 });
    expect(store.getState().ended).toEqual({ problem: null, exitCode: 3 });
    // Opening again is a new session (a new key), and clears how the last one ended.
    store.getState().open('shell', 'lab-db-1');
    expect(store.getState().session?.key).not.toBe(first?.key);
    expect(store.getState().ended).toBeNull();
    store.getState().close();
    expect(store.getState().session).toBeNull();
  });

  it('keeps the error and its hint when a session fails', () => {
    const store = createTerminalStore(apiWith(async () => ({ result: [] })));
    store.getState().open('logs', 'gone');
    store
      .getState()
      .sessionEnded({ code: 'engine-error', message: 'There is no container "gone".', hint: 'Start it.' });
    expect(store.getState().ended).toEqual({
      problem: { message: 'There is no container "gone".', hint: 'Start it.' },
      exitCode: null,
    });
  });
});

describe('shell input', () => {
  it('splits a large paste at the contract cap without cutting a surrogate pair', () => {
    expect(splitInput('abcdef', 4)).toEqual(['abcd', 'ef']);
    expect(splitInput('abc😀def', 4)).toEqual(['abc', '😀de', 'f']);
    expect(splitInput('', 4)).toEqual([]);
  });

  it('sends chunks in order, one call at a time, and stops after the first refusal', async () => {
    const sent: string[] = [];
    const errors: unknown[] = [];
    let inFlight = 0;
    const api = apiWith(async (method, request) => {
      expect(method).toBe('exec:input');
      inFlight += 1;
      expect(inFlight).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight -= 1;
      const { data } = request as { data: string };
      if (data === 'stop') return { error: { code: 'invalid-request', message: 'There is no open shell.' } };
      sent.push(data);
      return { result: { accepted: true } };
    });
    const input = createShellInput(api, 's1', (error) => errors.push(error));
    input.send('a'.repeat(5000));
    input.send('stop');
    input.send('never');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent.map((s) => s.length)).toEqual([4096, 904]);
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toBe('There is no open shell.');
  });
});

describe('the terminal screen', () => {
  it('says why when the containers cannot be listed, with the hint', async () => {
    render(
      <ApiProvider
        api={apiWith(async () => ({
          error: {
            code: 'engine-unreachable',
            message: 'No Docker Engine answers.',
            hint: 'Run npm run lab:up.',
          },
        }))}
      >
        <TerminalScreen />
      </ApiProvider>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('No Docker Engine answers.');
    expect(alert.textContent).toContain('Run npm run lab:up.');
  });

  it('says to start the stack when nothing runs, and lists running containers with Logs and Shell', async () => {
    const answers: ContainerSummary[][] = [[exited], [running, exited]];
    render(
      <ApiProvider api={apiWith(async () => ({ result: answers.shift() ?? [] }))}>
        <TerminalScreen />
      </ApiProvider>,
    );
    expect(await screen.findByText('No running containers: start the stack first.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(await screen.findByRole('button', { name: 'Open a shell in lab-db-1' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Follow logs of lab-db-1' })).toBeTruthy();
    expect(screen.queryByText('migrate')).toBeNull();
  });
});
