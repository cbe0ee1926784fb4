import { describe, expect, it } from 'vitest';
import { createSeedStore } from '../../renderer/src/stores/seed-store';

describe('the seed store', () => {
  it('runs one seed at a time and ends with the checksum verdict', () => {
    const store = createSeedStore();
    store.getState().start();
    store.getState().start(); // a second click while running starts nothing
    expect(store.getState()).toMatchObject({ status: 'running', run: 1 });
    store.getState().finish(undefined, {
      checksum: 'sha256:ab',
      dumpBytes: 10,
      expected: null,
      matches: null,
      schema: null,
    });
    expect(store.getState()).toMatchObject({
      status: 'done',
      outcome: { checksum: 'sha256:ab', matches: null },
    });
  });

  it('shows the error of a failed seed, and refuses an end without a checksum', () => {
    const store = createSeedStore();
    store.getState().start();
    store
      .getState()
      .finish({ code: 'engine-error', message: 'The db service is not running.', hint: 'npx parity up' });
    expect(store.getState()).toMatchObject({
      status: 'error',
      problem: { message: 'The db service is not running.' },
    });
    store.getState().start();
    store.getState().finish(undefined, { nonsense: true });
    expect(store.getState()).toMatchObject({ status: 'error', run: 2, problem: { code: 'internal' } });
  });
});
