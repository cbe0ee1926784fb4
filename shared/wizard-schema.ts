import { z } from 'zod';

/** The setup wizard's steps, in order: a new hire's first run from an empty machine to a verified stack. */
export const WIZARD_STEPS = ['host', 'pull', 'start', 'seed', 'compare', 'ready'] as const;
export const wizardStepSchema = z.enum(WIZARD_STEPS);
export type WizardStep = z.output<typeof wizardStepSchema>;

/** What the wizard has proven so far, persisted main-side per workspace so a restart resumes there. */
export const wizardStateSchema = z
  .object({
    /** The step the wizard shows next. */
    step: wizardStepSchema,
    /** Steps finished and verified. */
    done: z.array(wizardStepSchema).max(WIZARD_STEPS.length),
    /** When the walk started and, once Ready, when it ended (ISO times). */
    startedAt: z.string().max(40).nullable(),
    readyAt: z.string().max(40).nullable(),
    /** The last drift score (0..1) and when it was taken. */
    score: z.number().min(0).max(1).nullable(),
    scoredAt: z.string().max(40).nullable(),
    passed: z.boolean().nullable(),
  })
  .strict();
export type WizardState = z.output<typeof wizardStateSchema>;

export const emptyWizardState: WizardState = {
  step: 'host',
  done: [],
  startedAt: null,
  readyAt: null,
  score: null,
  scoredAt: null,
  passed: null,
};

/** The app's settings, persisted main-side; empty strings mean "Parity's default". */
export const appSettingsSchema = z
  .object({
    engineSocket: z
      .string()
      .max(1024)
      .regex(/^$|^(unix|npipe|tcp):\/\/\S+$/, 'an engine address like unix:///var/run/docker.sock'),
    sshIdentity: z
      .string()
      .max(4096)
      .regex(/^$|^\/\S*$/, 'an absolute path to a private key file'),
    stagingHost: z
      .string()
      .max(255)
      .regex(/^$|^[A-Za-z0-9_.-]+@[A-Za-z0-9_.-]+(:\d{1,5})?$/, 'user@host or user@host:port'),
    theme: z.enum(['light', 'dark']),
  })
  .strict();
export type AppSettings = z.output<typeof appSettingsSchema>;

export const defaultSettings: AppSettings = {
  engineSocket: '',
  sshIdentity: '',
  stagingHost: '',
  theme: 'light',
};

/** Staging's host key as the wizard shows it for confirmation, and whether this workspace trusts it. */
export const stagingHostKeySchema = z.object({
  target: z.string(),
  fingerprint: z.string(),
  trusted: z.boolean(),
});

export const fingerprintSchema = z
  .string()
  .regex(/^SHA256:[A-Za-z0-9+/]{43}=?$/, 'a host key fingerprint like SHA256:…');
