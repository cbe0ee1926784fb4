import { describe, expect, it } from 'vitest';
import { buildApi, type Transport } from '../../shared/api-client';
import type { EventName } from '../../shared/events';
import { followStream } from '../../renderer/src/api/follow-stream';

/** The real API object over a transport whose events the test pushes by hand. */
function harness(): {
  api: ReturnType<typeof buildApi>;
  emit: (event: EventName, payload: unknown) => void;
  cancelled: string[];
  answer: (streamId: string) => void;
} {
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  const cancelled: string[] = [];
  let answer: (streamId: string) => void = () => {};
  const transport: Transport = {
    call: async (method, request) => {
      if (method === 'stream:cancel') {
        cancelled.push((request as { streamId: string }).streamId);
        return { result: { cancelled: true } };
      }
      return new Promise((resolve) => {
        answer = (streamId) => resolve({ result: { streamId } });
      });
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    api: buildApi(transport),
    emit: (event, payload) => {
      for (const listener of listeners) listener(event, payload);
    },
    cancelled,
    answer: (streamId) => answer(streamId),
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('followStream', () => {
  it('keeps events that arrive before the stream id, and ignores other streams', async () => {
    const { api, emit, answer } = harness();
    const seen: string[] = [];
    let ended = false;
    followStream(api, () => api.logs.follow({ container: 'db' }), {
      onData: (data) => seen.push(data),
      onEnd: () => (ended = true),
    });
    emit('stream:data', { streamId: 'mine', data: 'early ' });
    emit('stream:data', { streamId: 'other', data: 'not mine ' });
    answer('mine');
    await tick();
    emit('stream:data', { streamId: 'mine', data: 'late' });
    emit('stream:end', { streamId: 'other' });
    expect(ended).toBe(false);
    emit('stream:end', { streamId: 'mine' });
    expect(seen).toEqual(['early ', 'late']);
    expect(ended).toBe(true);
  });

  it('stopping cancels a running session, and one that starts after the stop', async () => {
    const first = harness();
    const stop = followStream(first.api, () => first.api.logs.follow({ container: 'db' }), {
      onData: () => {},
      onEnd: () => {},
    });
    first.answer('s1');
    await tick();
    stop();
    await tick();
    expect(first.cancelled).toEqual(['s1']);

    const second = harness();
    const stopEarly = followStream(second.api, () => second.api.logs.follow({ container: 'db' }), {
      onData: () => {},
      onEnd: () => {},
    });
    stopEarly();
    second.answer('s2');
    await tick();
    expect(second.cancelled).toEqual(['s2']);
  });
});
