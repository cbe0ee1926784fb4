import { describe, expect, it } from 'vitest';
import { buildApi, type Transport } from '../../shared/api-client';
import { ParityApiError } from '../../shared/api-error';
import { methodNames } from '../../shared/method-names';
import { contract } from '../../shared/contract';

function transport(
  call: Transport['call'],
  emitters: Array<Parameters<Transport['subscribe']>[0]> = [],
): Transport {
  return {
    call,
    subscribe: (listener) => {
      emitters.push(listener);
      return () => emitters.splice(emitters.indexOf(listener), 1);
    },
  };
}

describe('the API object built from the contract', () => {
  it('has one function per contract method, and nothing else', () => {
    const api = buildApi(transport(async () => ({ result: null })));
    const built = Object.entries(api)
      .filter(([key]) => key !== 'on')
      .flatMap(([service, methods]) => Object.keys(methods as object).map((name) => `${service}:${name}`));
    expect(built.sort()).toEqual([...methodNames].sort());
    expect(Object.keys(contract).sort()).toEqual([...methodNames].sort());
  });

  it('sends the method name and request, and returns the result', async () => {
    const calls: unknown[] = [];
    const api = buildApi(
      transport(async (method, request) => {
        calls.push([method, request]);
        return { result: { version: '9', mode: 'browser', workspace: null } };
      }),
    );
    expect(await api.app.info()).toEqual({ version: '9', mode: 'browser', workspace: null });
    expect(calls).toEqual([['app:info', {}]]);
  });

  it('throws an {error} answer as a ParityApiError with its code and hint', async () => {
    const api = buildApi(
      transport(async () => ({ error: { code: 'engine-unreachable', message: 'down', hint: 'start it' } })),
    );
    const failure = await api.engine.version().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ParityApiError);
    expect(failure).toMatchObject({ code: 'engine-unreachable', message: 'down', hint: 'start it' });
  });

  it('delivers only the subscribed event, until unsubscribed', () => {
    const emitters: Array<Parameters<Transport['subscribe']>[0]> = [];
    const api = buildApi(transport(async () => ({ result: null }), emitters));
    const seen: string[] = [];
    const off = api.on('stream:data', (p) => seen.push(p.data));
    for (const emit of emitters) emit('stream:end', { streamId: 'a' });
    for (const emit of emitters) emit('stream:data', { streamId: 'a', data: 'hello' });
    off();
    for (const emit of emitters) emit('stream:data', { streamId: 'a', data: 'late' });
    expect(seen).toEqual(['hello']);
  });
});
