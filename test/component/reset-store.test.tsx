import { describe, expect, it } from 'vitest';
import { applyStep, createResetStore } from '../../renderer/src/screens/reset/reset-store';
import { beforeReset, knownGood, listOf, outcome, ScriptedApi, until } from './support/scripted-reset-api';

describe('the reset store', () => {
  it('loads the baselines and the last known-good', async () => {
    const scripted = new ScriptedApi({ 'baseline:list': listOf() });
    const store = createResetStore(scripted.api);
    await store.getState().load();
    expect(store.getState().list?.lastKnownGood).toBe(knownGood.id);
    expect(store.getState().problem).toBeNull();
  });

  it('runs a reset: steps merge live by name, the result says what changed, the list is read again', async () => {
    const scripted = new ScriptedApi({
      'baseline:list': listOf(),
      'rollback:run': { streamId: 'r1' },
    });
    const store = createResetStore(scripted.api);
    await store.getState().load();
    store.getState().ask();
    expect(store.getState().phase).toBe('confirming');
    const done = store.getState().confirm();
    await until(() => scripted.methods().includes('rollback:run'), 'rollback:run called');
    expect(store.getState().phase).toBe('running');
    scripted.steps(
      'r1',
      { step: 'save-before-reset', status: 'running' },
      { step: 'stop', status: 'running' },
    );
    scripted.steps('r1', { step: 'save-before-reset', status: 'done', detail: beforeReset.id });
    await until(() => store.getState().steps.length === 2, 'two steps shown');
    expect(store.getState().steps.map((s) => [s.step, s.status])).toEqual([
      ['save-before-reset', 'done'],
      ['stop', 'running'],
    ]);
    scripted.answers['baseline:list'] = listOf({ undoTo: beforeReset.id });
    scripted.emit('stream:end', { streamId: 'r1', result: outcome });
    await done;
    expect(store.getState().phase).toBe('done');
    expect(store.getState().outcome).toEqual(outcome);
    expect(store.getState().list?.undoTo).toBe(beforeReset.id);
    // The whole stack, no force: nothing else was asked for.
    expect(scripted.calls.find((c) => c.method === 'rollback:run')?.request).toEqual({ force: false });
  });

  it('a one-service reset names the service; an interrupted one is finished as it was started', async () => {
    const scripted = new ScriptedApi({ 'baseline:list': listOf(), 'rollback:run': { streamId: 'r2' } });
    const store = createResetStore(scripted.api);
    await store.getState().load();
    store.getState().chooseScope('db');
    store.getState().setForce(true);
    const first = store.getState().confirm();
    await until(() => scripted.methods().includes('rollback:run'), 'rollback:run called');
    expect(scripted.calls.at(-1)?.request).toEqual({ force: true, service: 'db' });
    scripted.emit('stream:end', { streamId: 'r2', result: { ...outcome, service: 'db' } });
    await first;

    scripted.answers['baseline:list'] = listOf({ pending: { target: knownGood.id, service: 'db' } });
    await store.getState().load();
    const second = store.getState().confirm();
    await until(() => scripted.methods().filter((m) => m === 'rollback:run').length === 2, 'second run');
    expect(scripted.calls.at(-1)?.request).toEqual({ force: false });
    scripted.emit('stream:end', { streamId: 'r2', result: outcome });
    await second;
  });

  it('a failed step ends in the failed phase with the message and the hint', async () => {
    const scripted = new ScriptedApi({
      'baseline:list': listOf({ uncommitted: ['parity.yml'] }),
      'rollback:run': { streamId: 'r3' },
    });
    const store = createResetStore(scripted.api);
    await store.getState().load();
    const run = store.getState().confirm();
    await until(() => scripted.methods().includes('rollback:run'), 'rollback:run called');
    scripted.emit('stream:end', {
      streamId: 'r3',
      error: {
        code: 'invalid-request',
        message: 'These contract files have uncommitted changes a reset would overwrite: parity.yml.',
        hint: 'Commit or stash them, or reset with force.',
      },
    });
    await run;
    expect(store.getState().phase).toBe('failed');
    expect(store.getState().problem).toEqual({
      message: 'These contract files have uncommitted changes a reset would overwrite: parity.yml.',
      hint: 'Commit or stash them, or reset with force.',
    });
  });

  it('a refused start keeps its hint (a reset already running)', async () => {
    const scripted = new ScriptedApi({
      'baseline:list': listOf(),
      'rollback:run': {
        error: {
          code: 'invalid-request',
          message: 'A reset of this workspace is already running.',
          hint: 'Wait for it to finish, or cancel it first.',
        },
      },
    });
    const store = createResetStore(scripted.api);
    await store.getState().load();
    await store.getState().confirm();
    expect(store.getState().phase).toBe('failed');
    expect(store.getState().problem).toEqual({
      message: 'A reset of this workspace is already running.',
      hint: 'Wait for it to finish, or cancel it first.',
    });
  });

  it('cancel stops the stream between steps: interrupted, nothing lost, run again to finish', async () => {
    const scripted = new ScriptedApi({
      'baseline:list': listOf(),
      'rollback:run': { streamId: 'r4' },
      'stream:cancel': { cancelled: true },
    });
    const store = createResetStore(scripted.api);
    await store.getState().load();
    const run = store.getState().confirm();
    await until(() => scripted.methods().includes('rollback:run'), 'rollback:run called');
    scripted.steps('r4', { step: 'save-before-reset', status: 'running' });
    await until(() => store.getState().steps.length === 1, 'a step shown');
    await store.getState().cancel();
    expect(store.getState().cancelling).toBe(true);
    expect(scripted.calls.find((c) => c.method === 'stream:cancel')?.request).toEqual({ streamId: 'r4' });
    // The main side ends a cancelled stream with neither result nor error.
    scripted.answers['baseline:list'] = listOf({ pending: { target: knownGood.id, service: null } });
    scripted.emit('stream:end', { streamId: 'r4' });
    await run;
    expect(store.getState().phase).toBe('interrupted');
    expect(store.getState().problem?.message).toMatch(/Nothing was lost/);
    expect(store.getState().problem?.hint).toMatch(/Run it again/);
    expect(store.getState().list?.pending?.target).toBe(knownGood.id);
    expect(store.getState().cancelling).toBe(false);
  });

  it('undo runs rollback:undo and shows what it changed', async () => {
    const scripted = new ScriptedApi({
      'baseline:list': listOf({ undoTo: beforeReset.id }),
      'rollback:undo': { streamId: 'u1' },
    });
    const store = createResetStore(scripted.api);
    await store.getState().load();
    const run = store.getState().undo();
    await until(() => scripted.methods().includes('rollback:undo'), 'rollback:undo called');
    expect(store.getState().action).toBe('undo');
    scripted.emit('stream:end', { streamId: 'u1', result: { ...outcome, target: beforeReset.id } });
    await run;
    expect(store.getState().phase).toBe('done');
    expect(store.getState().outcome?.target).toBe(beforeReset.id);
  });

  it('a list that cannot be read shows the error and its hint', async () => {
    const scripted = new ScriptedApi({
      'baseline:list': {
        error: { code: 'workspace-missing', message: 'Open a workspace first.', hint: 'Use Welcome.' },
      },
    });
    const store = createResetStore(scripted.api);
    await store.getState().load();
    expect(store.getState().list).toBeNull();
    expect(store.getState().problem).toEqual({ message: 'Open a workspace first.', hint: 'Use Welcome.' });
  });

  it('save now: saved by name and listed; an engine failure is shown with its hint', async () => {
    const scripted = new ScriptedApi({
      'baseline:list': listOf(),
      'baseline:save': (request: unknown) => ({
        ...knownGood,
        name: (request as { name?: string }).name ?? 'x',
      }),
    });
    const store = createResetStore(scripted.api);
    await store.getState().saveNow('before the migration');
    expect(store.getState().saved).toBe('before the migration');
    expect(scripted.methods()).toEqual(['baseline:save', 'baseline:list']);

    scripted.answers['baseline:save'] = {
      error: { code: 'engine-unreachable', message: 'No engine answers.', hint: 'Start Docker.' },
    };
    await store.getState().saveNow();
    expect(scripted.calls.at(-1)?.request).toEqual({});
    expect(store.getState().saving).toBe(false);
    expect(store.getState().problem).toEqual({ message: 'No engine answers.', hint: 'Start Docker.' });
  });

  it('step lines that are not steps are ignored', () => {
    expect(applyStep([], 'not json')).toEqual([]);
    expect(applyStep([], JSON.stringify({ step: 'stop' }))).toEqual([]);
  });
});
