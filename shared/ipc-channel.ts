/** The single IPC channel every contract call travels on; the method name is its first argument. */
export const IPC_CHANNEL = 'parity:call';

/** The channel the main side pushes events on (stream data and ends); the event name is its first argument. */
export const IPC_EVENT_CHANNEL = 'parity:event';
