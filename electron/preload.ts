import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from '../shared/api-client';
import type { Envelope } from '../shared/api-error';
import { isEventName, type EventName } from '../shared/events';
import { IPC_CHANNEL, IPC_EVENT_CHANNEL } from '../shared/ipc-channel';

type Listener = (event: EventName, payload: unknown) => void;
const listeners = new Set<Listener>();

// One IPC listener for all events; the page subscribes through window.parity.on, never to raw IPC.
ipcRenderer.on(IPC_EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (!isEventName(name)) return;
  for (const listener of listeners) listener(name, payload);
});

// The page gets exactly one object built from the contract, never ipcRenderer itself.
contextBridge.exposeInMainWorld(
  'parity',
  buildApi({
    call: (method, request) => ipcRenderer.invoke(IPC_CHANNEL, method, request) as Promise<Envelope<unknown>>,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  }),
);
