import { z } from 'zod';

/** A host finding as the doctor reports it and the wizard shows it: the verdict and the exact fix. */
export const hostFindingSchema = z.object({
  kind: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  evidence: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  remediation: z.object({ summary: z.string(), commands: z.array(z.string()) }),
});

export type HostFinding = z.output<typeof hostFindingSchema>;

/** What `seed:run` ends with: the checksum of the seeded data and whether it matches the contract. */
export const seedOutcomeSchema = z.object({
  checksum: z.string(),
  dumpBytes: z.number(),
  expected: z.string().nullable(),
  matches: z.boolean().nullable(),
  schema: z.string().nullable(),
});

export type SeedOutcomeView = z.output<typeof seedOutcomeSchema>;
