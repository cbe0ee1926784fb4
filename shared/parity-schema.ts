import { z } from 'zod';

/**
 * The schema of parity.yml, the contract a team commits beside its compose file (DESIGN.md). It lives in
 * shared/ because the renderer shows and edits the same contract the engine room loads. Every object is
 * strict: a misspelt key is a mistake to point at, never a setting silently ignored.
 *
 * Each format check carries its own message phrased as what was expected; the loader adds what it found
 * and where, so the words reach a new hire as `parity.yml:12:3  staging.hostKey: expected …, got …`.
 */

/** Compose's own rule for project names (`docker compose -p`), so `name` can be used as one unchanged. */
const projectName = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, {
  error: 'expected a project name of lowercase letters, digits, "-" and "_", starting with a letter or digit',
});

/** Compose's rule for service names: the keys of `images` and `health` must be able to name one. */
const serviceName = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, {
  error:
    'expected a compose service name: letters, digits, ".", "-" and "_", starting with a letter or digit',
});

/** POSIX-portable variable names: what a shell and compose's interpolation both accept. */
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
  error: 'expected an environment variable name: letters, digits and "_", not starting with a digit',
});

// The distribution reference grammar (github.com/distribution/reference), written out piece by piece so the
// one regex stays readable. Only sha256 digests are accepted: it is what every registry Parity talks to uses.
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domain = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const pathComponent = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const repository = `(?:${domain}/)?${pathComponent}(?:/${pathComponent})*`;
const tag = '[\\w][\\w.-]{0,127}';
const imageReferencePattern = new RegExp(`^${repository}(?::${tag})?(?:@sha256:[a-f0-9]{64})?$`);

/**
 * An image reference. Unpinned references (`postgres:16`) parse on purpose: "image.not-pinned" is a finding
 * the drift report explains and fixes, not a reason to refuse the whole file. A malformed one is refused.
 */
const imageReference = z.string().regex(imageReferencePattern, {
  error:
    'expected an image reference like "registry.acme.dev/app@sha256:" followed by 64 hex digits ' +
    '(a lowercase name, an optional :tag, and the @sha256 digest that pins it)',
});

/** OCI platform strings as `docker pull --platform` takes them. */
const platform = z.string().regex(/^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/, {
  error: 'expected a platform as os/arch or os/arch/variant, like "linux/amd64" or "linux/arm/v7"',
});

const sha256Digest = z.string().regex(/^sha256:[a-f0-9]{64}$/, {
  error: 'expected a digest: "sha256:" followed by 64 lowercase hex digits',
});

/** The subset of JSONPath the health comparison understands: fields, indexes, wildcards and quoted names. */
const jsonPath = z.string().regex(/^\$(?:\.[A-Za-z0-9_-]+|\[(?:\d+|\*|'[^']*'|"[^"]*")\])+$/, {
  error: 'expected a JSONPath to a field of the health response, like "$.uptime" or "$.checks[0].time"',
});

// `[user@]host[:port]` or an ~/.ssh/config alias. The first character is never "-", so the value can not be
// read by ssh as an option (`-oProxyCommand=…`): this string ends up on an ssh command line.
const sshUser = '[A-Za-z0-9_][A-Za-z0-9_.-]*';
const sshHost = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[[0-9a-fA-F:]+\\])`;
const sshPort = '(?:6553[0-5]|655[0-2]\\d|65[0-4]\\d{2}|6[0-4]\\d{3}|[1-5]\\d{4}|[1-9]\\d{0,3})';
const sshTarget = z.string().regex(new RegExp(`^(?:${sshUser}@)?${sshHost}(?::${sshPort})?$`), {
  error: 'expected user@host, user@host:port (port 1 to 65535) or a Host alias from ~/.ssh/config',
});

/** OpenSSH's fingerprint format (`ssh-keygen -lf`): SHA256, unpadded base64 of 32 bytes. */
const hostKeyFingerprint = z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, {
  error:
    'expected a host key fingerprint as OpenSSH prints it: "SHA256:" followed by 43 characters ' +
    '(get it with: ssh-keyscan HOST | ssh-keygen -lf -)',
});

const nonEmptyText = z.string().min(1);

const envSection = z
  .strictObject({
    required: z
      .array(envName)
      .describe('Environment variables the stack needs; their values are never read.'),
    template: nonEmptyText
      .optional()
      .describe('A file listing the keys with example values, like .env.example.'),
  })
  .describe('The environment both sides must define.');

const seedSection = z
  .strictObject({
    service: serviceName.describe('The compose service the seed runs in.'),
    command: z
      .union([z.array(z.string()).min(1), nonEmptyText])
      .describe('The seed command: a list of arguments, or one string run by the shell.'),
    env: z.record(envName, z.string()).optional().describe('Extra variables for the seed, as text.'),
    dump: z
      .array(z.string())
      .min(1)
      .describe('A command that prints the data canonically; its sha256 is the seed checksum.'),
    checksum: sha256Digest.optional().describe('The expected sha256 of the dump.'),
  })
  .describe('How to load deterministic data, and how to prove it loaded.');

const healthProbe = z.strictObject({
  url: z
    .url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' })
    .describe('The health endpoint, as reached from this machine.'),
  ignore: z
    .array(jsonPath)
    .optional()
    .describe('Volatile fields left out of the comparison, like "$.uptime".'),
});

const stagingSection = z
  .strictObject({
    ssh: sshTarget.describe('user@host[:port] or an ~/.ssh/config alias; ProxyJump is honoured.'),
    hostKey: hostKeyFingerprint
      .optional()
      .describe('The pinned host key fingerprint; a mismatch is refused.'),
    engine: z.enum(['docker']).describe('How staging runs the stack.'),
    project: projectName.describe('The compose project name on staging.'),
  })
  .describe('Where staging runs, reached over SSH.');

export const parityContractSchema = z
  .strictObject({
    version: z.literal(1).describe('The contract format version; this Parity reads version 1.'),
    name: projectName.describe('The project name, also used as the local compose project name.'),
    compose: nonEmptyText.default('docker-compose.yml').describe('The compose file, relative to parity.yml.'),
    images: z
      .record(serviceName, imageReference)
      .describe('Every service image, pinned by digest (a multi-arch index digest is preferred).'),
    platforms: z
      .array(platform)
      .min(1)
      .default(() => ['linux/amd64'])
      .describe('The platforms the team runs on.'),
    env: envSection,
    seed: seedSection,
    health: z.record(serviceName, healthProbe).describe('Health endpoints whose JSON must match.'),
    staging: stagingSection,
    threshold: z
      .number()
      .min(0)
      .max(1)
      .default(0.98)
      .describe('The lowest parity score that passes, from 0 to 1.'),
  })
  .describe('parity.yml: what "the same environment as staging" means for this project.');

/** The contract as loaded: defaults applied. */
export type ParityContract = z.output<typeof parityContractSchema>;
/** The contract as written in parity.yml: keys with defaults may be left out. */
export type ParityContractInput = z.input<typeof parityContractSchema>;
