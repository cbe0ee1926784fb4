/** The single IPC channel every contract call travels on; the method name is its first argument. */
export const IPC_CHANNEL = 'parity:call';
