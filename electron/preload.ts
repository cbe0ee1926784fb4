import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from '../shared/api-client';
import type { Envelope } from '../shared/api-error';
import { IPC_CHANNEL } from '../shared/ipc-channel';

// The page gets exactly one object built from the contract, never ipcRenderer itself.
contextBridge.exposeInMainWorld(
  'parity',
  buildApi(
    (method, request) => ipcRenderer.invoke(IPC_CHANNEL, method, request) as Promise<Envelope<unknown>>,
  ),
);
