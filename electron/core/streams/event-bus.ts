import type { EventName, EventPayloads } from '../../../shared/events';

export type BusListener = (event: EventName, payload: EventPayloads[EventName]) => void;

/**
 * Where services put the events the page should see. The transports (Electron IPC, the browser-mode
 * WebSocket) subscribe and forward; services never know which one is listening.
 */
export class EventBus {
  private readonly listeners = new Set<BusListener>();

  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  subscribe(listener: BusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
