import { describe, expect, it } from 'vitest';
import type { EventName, EventPayloads } from '../../shared/events';
import { ParityError } from '../../electron/core/parity-error';
import { EventBus } from '../../electron/core/streams/event-bus';
import { StreamHub } from '../../electron/core/streams/stream-hub';

function recorder(): {
  bus: EventBus;
  events: Array<[EventName, EventPayloads[EventName]]>;
  ended: Promise<void>;
} {
  const bus = new EventBus();
  const events: Array<[EventName, EventPayloads[EventName]]> = [];
  const ended = new Promise<void>((resolve) =>
    bus.subscribe((event, payload) => {
      events.push([event, payload]);
      if (event === 'stream:end') resolve();
    }),
  );
  return { bus, events, ended };
}

describe('StreamHub', () => {
  it('ends a failed producer’s stream with its error as data, exactly once', async () => {
    const { bus, events, ended } = recorder();
    const { streamId } = new StreamHub(bus).start(async (output) => {
      output.write('partial ');
      throw new ParityError('engine-error', 'The container went away.', 'Start the stack again.');
    });
    await ended;
    expect(events).toEqual([
      ['stream:data', { streamId, data: 'partial ' }],
      [
        'stream:end',
        {
          streamId,
          error: {
            code: 'engine-error',
            message: 'The container went away.',
            hint: 'Start the stack again.',
          },
        },
      ],
    ]);
  });

  it('cancel aborts the producer and ends the stream without an error', async () => {
    const { bus, events, ended } = recorder();
    const hub = new StreamHub(bus);
    let sawAbort = false;
    const { streamId } = hub.start(
      (output) =>
        new Promise<void>((resolve) => {
          output.signal.addEventListener('abort', () => {
            sawAbort = true;
            resolve();
          });
        }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(hub.cancel(streamId)).toBe(true);
    await ended;
    expect(sawAbort).toBe(true);
    expect(events).toEqual([['stream:end', { streamId }]]);
    expect(hub.cancel(streamId)).toBe(false);
    expect(hub.cancel('no-such-stream')).toBe(false);
  });

  it('ends a successful producer’s stream with what it produced', async () => {
    const { bus, events, ended } = recorder();
    const { streamId } = new StreamHub(bus).start(async (output) => {
      output.write('seeding…');
      return { checksum: 'sha256:abc' };
    });
    await ended;
    expect(events.at(-1)).toEqual(['stream:end', { streamId, result: { checksum: 'sha256:abc' } }]);
  });
});
