import { describe, expect, it } from 'vitest';
import { EngineConnectionLost } from '../../electron/core/engine/engine-lost';
import { isTransientPullFailure, withPullRetry, type PullRetry } from '../../electron/core/images/pull-retry';
import { ParityError } from '../../electron/core/parity-error';

const refused = (): ParityError =>
  new ParityError(
    'engine-error',
    'Pulling r@sha256:x failed: dial tcp 127.0.0.1:5000: connect: connection refused',
  );

describe('pull retry', () => {
  it('tells a registry that went away from a refusal and from a lost engine', () => {
    expect(isTransientPullFailure(refused())).toBe(true);
    expect(
      isTransientPullFailure(new Error('(HTTP code 500) server error - Get "http://r/v2/": unexpected EOF')),
    ).toBe(true);
    expect(
      isTransientPullFailure(new ParityError('engine-error', 'Pulling r failed: manifest unknown')),
    ).toBe(false);
    expect(isTransientPullFailure(new ParityError('engine-error', 'Pulling r failed: unauthorized'))).toBe(
      false,
    );
    expect(isTransientPullFailure(new EngineConnectionLost('it closed the pull'))).toBe(false);
  });

  it('retries with a doubling pause, bounded, and says how many attempts the last failure took', async () => {
    const seen: Array<Omit<PullRetry, 'error'>> = [];
    let calls = 0;
    const run = withPullRetry(
      () => {
        calls++;
        return Promise.reject(refused());
      },
      { attempts: 3, firstDelayMs: 1 },
      ({ error: _error, ...retry }) => seen.push(retry),
    );
    await expect(run).rejects.toThrow(/connection refused \(after 3 attempts\)$/);
    expect(calls).toBe(3);
    expect(seen).toEqual([
      { attempt: 2, attempts: 3, delayMs: 1 },
      { attempt: 3, attempts: 3, delayMs: 2 },
    ]);
  });

  it('stops at once on a failure a retry cannot mend, and succeeds when the registry comes back', async () => {
    let calls = 0;
    await expect(
      withPullRetry(
        () => {
          calls++;
          return Promise.reject(new ParityError('engine-error', 'Pulling r failed: denied'));
        },
        { attempts: 4, firstDelayMs: 1 },
        () => {},
      ),
    ).rejects.toThrow(/denied$/);
    expect(calls).toBe(1);
    let tries = 0;
    await withPullRetry(
      () => (++tries < 2 ? Promise.reject(refused()) : Promise.resolve()),
      { attempts: 4, firstDelayMs: 1 },
      () => {},
    );
    expect(tries).toBe(2);
  });
});
