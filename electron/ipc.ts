import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNEL } from '../shared/ipc-channel';
import { dispatch, type Handlers } from './api-dispatch';

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

function isTrustedSender(event: IpcMainInvokeEvent, trustedPageUrl: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  const url = new URL(frame.url);
  url.hash = '';
  url.search = '';
  return url.href === trustedPageUrl;
}
