import { z } from 'zod';
import type { MethodName } from './method-names';

/** No arguments: the request must be an empty object (or omitted), nothing smuggled in. */
const noArgs = z.object({}).strict().optional();

export const appInfoSchema = z.object({
  version: z.string(),
  /** Where the UI runs: inside Electron, or in a browser against the local host. */
  mode: z.enum(['electron', 'browser']),
  workspace: z
    .object({
      name: z.string(),
      path: z.string(),
    })
    .nullable(),
});

export const engineVersionSchema = z.object({
  socket: z.string(),
  version: z.string(),
  apiVersion: z.string(),
  minApiVersion: z.string(),
  os: z.string(),
  arch: z.string(),
  kernelVersion: z.string(),
});

/** The one typed contract between the UI and the engine room: request and response schema per method. */
export const contract = {
  'app:info': { request: noArgs, response: appInfoSchema },
  'engine:version': { request: noArgs, response: engineVersionSchema },
} as const satisfies Record<MethodName, { request: z.ZodType; response: z.ZodType }>;

export type Contract = typeof contract;
export type RequestOf<M extends MethodName> = z.input<Contract[M]['request']>;
export type ResponseOf<M extends MethodName> = z.output<Contract[M]['response']>;

export type AppInfo = z.output<typeof appInfoSchema>;
export type EngineVersion = z.output<typeof engineVersionSchema>;
