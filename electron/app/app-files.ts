import { z } from 'zod';
import { driftReportSchema } from '../../shared/drift-report-schema';
import { serviceDigestsSchema } from '../../shared/service-digests-schema';
import { JsonFile } from './json-file';
import { perWorkspaceFile } from './per-workspace-file';

const trustedSchema = z.object({ fingerprint: z.string(), trustedAt: z.string() }).strict();

/** The staging host key the user confirmed for this workspace, or null before they have. */
export function trustFile(
  dataDir: string,
  workspacePath: string,
): JsonFile<z.ZodNullable<typeof trustedSchema>> {
  return new JsonFile(
    perWorkspaceFile(dataDir, 'trusted-hosts', workspacePath),
    trustedSchema.nullable(),
    null,
  );
}

/**
 * The last drift report made for this workspace (by a check or a fix's re-check): what the
 * Troubleshooter shows and the only source a fix takes its finding from.
 */
export function lastReportFile(
  dataDir: string,
  workspacePath: string,
): JsonFile<z.ZodNullable<typeof driftReportSchema>> {
  return new JsonFile(
    perWorkspaceFile(dataDir, 'last-report', workspacePath),
    driftReportSchema.nullable(),
    null,
  );
}

/** The digests per service the last comparison saw (pinned, running here, on staging), for the Dashboard. */
export function lastDigestsFile(
  dataDir: string,
  workspacePath: string,
): JsonFile<z.ZodNullable<typeof serviceDigestsSchema>> {
  return new JsonFile(
    perWorkspaceFile(dataDir, 'last-digests', workspacePath),
    serviceDigestsSchema.nullable(),
    null,
  );
}
