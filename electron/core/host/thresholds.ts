import { GIB } from './units';

/** What a compose stack with a database, an app and a build step needs to run without swapping. */
export const RECOMMENDED_MEMORY_GIB = 8;
export const RECOMMENDED_MEMORY_BYTES = RECOMMENDED_MEMORY_GIB * GIB;

/**
 * A VM given 8 GiB reports a little less as MemTotal (Docker Desktop's 8 GB shows as about 7.7 GiB): its kernel
 * keeps some back. Reported totals are compared with this slack so a correctly sized VM is not flagged.
 */
export const REPORTED_MEMORY_FLOOR_BYTES = RECOMMENDED_MEMORY_BYTES * 0.9;

/** Room left after pulling, for container writes, logs and a database growing during seeding. */
export const DISK_HEADROOM_BYTES = 2 * GIB;

/** Docker Engine 20.10's API: what the rest of Parity (dockerode calls, compose) is written against. */
export const MIN_API_VERSION = '1.41';
