import { z } from 'zod';
import { hostFindingSchema } from './finding-schema';
import type { MethodName } from './method-names';
import { driftReportSchema } from './drift-report-schema';
import { serviceDigestsSchema } from './service-digests-schema';
import {
  appSettingsSchema,
  fingerprintSchema,
  stagingHostKeySchema,
  wizardStateSchema,
} from './wizard-schema';
import {
  baselineListSchema,
  baselineSaveRequestSchema,
  baselineSummarySchema,
  rollbackRunRequestSchema,
  rollbackUndoRequestSchema,
} from './reset-schema';

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

export const containerSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  state: z.string(),
  /** healthy | unhealthy | starting, or null without a healthcheck. */
  health: z.string().nullable(),
  /** The compose project and service it belongs to, from its com.docker.compose.* labels. */
  project: z.string().nullable(),
  service: z.string().nullable(),
});

/** A container name or id: what the engine accepts, nothing that could be read as a path or an option. */
const containerRef = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'a container name or id');

const workspaceRefSchema = z.object({ name: z.string(), path: z.string() });

/** At most this much typed or pasted text per exec:input call; the page splits larger pastes. */
export const EXEC_INPUT_MAX_CHARS = 4096;

/** A terminal size in character cells, bounded so a page cannot ask the engine for absurd buffers. */
const ttySizeShape = {
  cols: z.number().int().min(2).max(1000),
  rows: z.number().int().min(1).max(500),
};

const streamIdSchema = z.string().min(1).max(64);

/** A drift finding's id, `kind:service:detail`, as the report writes it (printable, one line, bounded). */
const findingIdSchema = z
  .string()
  .min(3)
  .max(512)
  .regex(/^[a-z]+\.[a-z0-9-]+:[^\s:]+:[^\r\n]*$/, 'a finding id (kind:service:detail)');

export const streamRefSchema = z.object({ streamId: z.string() });

/** The one typed contract between the UI and the engine room: request and response schema per method. */
export const contract = {
  'app:info': { request: noArgs, response: appInfoSchema },
  'engine:version': { request: noArgs, response: engineVersionSchema },
  'containers:list': { request: noArgs, response: z.array(containerSummarySchema) },
  'logs:follow': {
    request: z
      .object({ container: containerRef, tail: z.number().int().min(0).max(10_000).optional() })
      .strict(),
    response: streamRefSchema,
  },
  /** A shell (bash, else sh) with a TTY in a running container; input and resizes go to its stream id. */
  'exec:open': {
    request: z.object({ container: containerRef, ...ttySizeShape }).strict(),
    response: streamRefSchema,
  },
  'exec:input': {
    request: z
      .object({ streamId: streamIdSchema, data: z.string().min(1).max(EXEC_INPUT_MAX_CHARS) })
      .strict(),
    response: z.object({ accepted: z.boolean() }),
  },
  'exec:resize': {
    request: z.object({ streamId: streamIdSchema, ...ttySizeShape }).strict(),
    response: z.object({ resized: z.boolean() }),
  },
  'host:doctor': { request: noArgs, response: z.object({ findings: z.array(hostFindingSchema) }) },
  /** Streams the seed's output; the stream's end carries a SeedOutcomeView. */
  'seed:run': { request: noArgs, response: streamRefSchema },
  'workspace:open': {
    request: z.object({ path: z.string().min(1).max(4096) }).strict(),
    response: workspaceRefSchema,
  },
  'workspace:recent': {
    request: noArgs,
    response: z.object({
      recent: z.array(workspaceRefSchema.extend({ openedAt: z.string() })),
      demo: workspaceRefSchema.nullable(),
    }),
  },
  /** Streams the pull's progress per image and layer; the end carries the verified digests. */
  'images:pull': { request: noArgs, response: streamRefSchema },
  /** Streams the stack's events (dependency waits, health); the end carries the up result. */
  'stack:up': { request: noArgs, response: streamRefSchema },
  /** Compares local with staging over SSH, with the host key this workspace trusts (never none). */
  'drift:check': { request: noArgs, response: driftReportSchema },
  /** The last report drift:check or a fix's re-check made for this workspace, or null before the first. */
  'drift:last': { request: noArgs, response: driftReportSchema.nullable() },
  /** Per service the digest pinned vs running here vs on staging, as the last comparison saw them. */
  'drift:digests': { request: noArgs, response: serviceDigestsSchema.nullable() },
  /**
   * Runs the automated fix of one finding of the last report (looked up main-side: the page names it, it
   * cannot describe it), streaming the action's output; the end carries a FixFindingsResult (before/after).
   */
  'remediation:apply': {
    request: z.object({ findingId: findingIdSchema }).strict(),
    response: streamRefSchema,
  },
  /** Reads staging's host key fingerprint for the user to confirm; nothing is sent to the host. */
  'staging:hostKey': { request: noArgs, response: stagingHostKeySchema },
  /** Trusts the confirmed fingerprint for the current workspace (persisted in the data folder). */
  'staging:trustHost': {
    request: z.object({ fingerprint: fingerprintSchema }).strict(),
    response: stagingHostKeySchema,
  },
  'wizard:state': { request: noArgs, response: wizardStateSchema },
  'wizard:save': { request: z.object({ state: wizardStateSchema }).strict(), response: wizardStateSchema },
  'settings:get': { request: noArgs, response: appSettingsSchema },
  'settings:save': {
    request: z.object({ settings: appSettingsSchema }).strict(),
    response: appSettingsSchema,
  },
  // Baselines and one-click reset.
  'baseline:list': { request: noArgs, response: baselineListSchema },
  'baseline:save': { request: baselineSaveRequestSchema, response: baselineSummarySchema },
  /** Streams each step as a JSON line; the end carries a RollbackOutcome. Cancel stops between steps. */
  'rollback:run': { request: rollbackRunRequestSchema, response: streamRefSchema },
  /** Returns to the newest before-reset baseline, streamed like rollback:run. */
  'rollback:undo': { request: rollbackUndoRequestSchema, response: streamRefSchema },
  'stream:cancel': {
    request: z.object({ streamId: z.string().min(1).max(64) }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
} as const satisfies Record<MethodName, { request: z.ZodType; response: z.ZodType }>;

export type Contract = typeof contract;
export type RequestOf<M extends MethodName> = z.input<Contract[M]['request']>;
export type ResponseOf<M extends MethodName> = z.output<Contract[M]['response']>;

export type AppInfo = z.output<typeof appInfoSchema>;
export type EngineVersion = z.output<typeof engineVersionSchema>;
export type ContainerSummary = z.output<typeof containerSummarySchema>;
