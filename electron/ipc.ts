import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNEL, IPC_EVENT_CHANNEL } from '../shared/ipc-channel';
import { dispatch, type Handlers } from './api-dispatch';
import type { EventBus } from './core/streams/event-bus';

/**
 * Binds the contract to Electron IPC. Besides validating every request (dispatch), it checks who is
 * asking: only our own page, in the window's main frame, may call the engine room.
 */
export function bindIpc(handlers: Handlers, trustedPageUrl: string): void {
  ipcMain.handle(IPC_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, request: unknown) => {
    if (!isTrustedSender(event, trustedPageUrl)) {
      return { error: { code: 'forbidden-sender', message: 'This page may not call Parity.' } };
    }
    return dispatch(handlers, method, request);
  });
}

/** Forwards the bus's events to the window's page, and stops when the window goes. */
export function forwardEvents(bus: EventBus, window: BrowserWindow): void {
  const unsubscribe = bus.subscribe((event, payload) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, event, payload);
  });
  window.once('closed', unsubscribe);
}

function isTrustedSender(event: IpcMainInvokeEvent, trustedPageUrl: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  const url = new URL(frame.url);
  url.hash = '';
  url.search = '';
  return url.href === trustedPageUrl;
}
