import { z } from 'zod';

/**
 * Per service, which image each side names, as the last comparison with staging saw it: the digest
 * parity.yml pins, the one running here, the one running on staging (null where a side has none).
 */
export const serviceDigestsSchema = z.object({
  /** When the comparison that saw these ran. */
  checkedAt: z.string(),
  services: z.array(
    z.object({
      service: z.string(),
      pinned: z.string().nullable(),
      running: z.string().nullable(),
      staging: z.string().nullable(),
    }),
  ),
});

export type ServiceDigests = z.output<typeof serviceDigestsSchema>;
