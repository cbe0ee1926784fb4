import type { DriftKind, FindingRemediation, RemediationAction } from '../../../shared/drift-report-schema';
import { quoteArg } from '../staging/shell-quote';

/** What a fix needs to name exactly: the service's container, the keys, the image, the side. */
export interface RemedyContext {
  service: string | null;
  /** Which side is wrong, when the check looks at one side only. */
  side?: 'local' | 'staging';
  /** The local container's name, for `docker restart` and `docker logs`. */
  container?: string;
  /** The image reference parity.yml pins (or the tag, for image.tag-moved). */
  image?: string;
  /** The platform this engine wants, e.g. linux/arm64. */
  platform?: string;
  /** Environment keys involved (never values). */
  keys?: string[];
  /** The env template from parity.yml (env.template), relative to the workspace. */
  template?: string;
  /** The health endpoint as this machine reaches it. */
  url?: string;
}

interface Fix {
  steps: string[];
  command: string | null;
  action: RemediationAction | null;
}

interface CatalogueEntry {
  title: string;
  why: string;
  fix: (context: RemedyContext) => Fix;
}

const q = quoteArg;
/** A hostile or missing name must never break the command a person pastes. */
const containerOf = (c: RemedyContext): string => q(c.container ?? `<${c.service ?? 'service'} container>`);

/**
 * For every finding kind: why it matters, what to do by hand, the exact command equivalent, and the
 * automated action `parity fix` may run. Actions exist only where the fix is safe to do unasked: nothing
 * here ever changes staging, drops data, or overwrites a value someone set.
 */
export const CATALOGUE: Readonly<Record<DriftKind, CatalogueEntry>> = {
  'image.not-pinned': {
    title: 'Pin the image by its digest',
    why: 'A tag can point at a different image tomorrow; only a digest names exactly the bytes staging runs, on every machine.',
    fix: (c) => {
      const ref = q(c.image ?? '<image>');
      return {
        steps: [
          `Find the digest the tag points at today: docker pull ${ref}, then docker image inspect --format '{{index .RepoDigests 0}}' ${ref}`,
          `Write it into parity.yml: images.${c.service ?? '<service>'}: <repository>@sha256:…`,
          'Commit parity.yml so the whole team, CI and staging run that image.',
        ],
        command: `docker pull ${ref} && docker image inspect --format '{{index .RepoDigests 0}}' ${ref}`,
        action: null,
      };
    },
  },
  'image.digest-mismatch': {
    title: 'Run the image parity.yml pins',
    why: 'The local container runs other bytes than the pinned image: a bug on staging may not reproduce here, and one here may not exist there.',
    fix: () => ({
      steps: ['Pull the pinned digests: npx parity pull', 'Recreate the service from them: npx parity up'],
      command: 'npx parity pull && npx parity up',
      action: 'pull',
    }),
  },
  'image.tag-moved': {
    title: 'Decide about the moved tag',
    why: 'The registry now serves another image under the tag parity.lock recorded. Your pin still holds, but anyone pulling the tag gets different bytes.',
    fix: (c) => ({
      steps: [
        `See what the tag points at now: docker buildx imagetools inspect ${q(c.image ?? '<tag>')}`,
        'Keep the pin (nothing to do), or move to the new digest on purpose: edit parity.yml, then npx parity pull.',
      ],
      command: `docker buildx imagetools inspect ${q(c.image ?? '<tag>')}`,
      action: null,
    }),
  },
  'image.platform-emulated': {
    title: "Run the image built for this machine's CPU",
    why: 'An image for another CPU runs under emulation: slower, and some programs crash only there, never on staging.',
    fix: (c) => ({
      steps: [
        `Pin a multi-arch index digest in parity.yml that includes ${c.platform ?? 'this platform'}.`,
        'Pull it for this platform and recreate the service: npx parity pull && npx parity up',
      ],
      command: `docker pull --platform ${q(c.platform ?? '<os/arch>')} ${q(c.image ?? '<image>')} && npx parity up`,
      action: 'recreate',
    }),
  },
  'image.staging-differs': {
    title: 'Run the same image as staging',
    why: 'Local and staging run different builds, so what you see on one does not hold on the other.',
    fix: () => ({
      steps: [
        'If parity.yml pins what staging runs, pull and recreate here: npx parity pull && npx parity up',
        'If staging is behind parity.yml, redeploy staging from the pinned digest (Parity never changes staging).',
      ],
      command: 'npx parity pull && npx parity up',
      action: 'pull',
    }),
  },
  'service.missing': {
    title: 'Start the missing service',
    why: 'A service one side runs is absent on the other: everything that calls it fails on one side only.',
    fix: (c) =>
      c.side === 'staging'
        ? {
            steps: [
              `Check the deployment on staging: docker ps -a --filter label=com.docker.compose.service=${q(c.service ?? '<service>')}`,
              'Redeploy staging, or remove the service from the local stack if it is not meant to run there.',
            ],
            command: null,
            action: null,
          }
        : {
            steps: [
              'Start the stack: npx parity up',
              `If it exits at once, read why: docker compose logs ${q(c.service ?? '<service>')}`,
            ],
            command: 'npx parity up',
            action: 'recreate',
          },
  },
  'service.unhealthy': {
    title: 'Bring the unhealthy service back',
    why: 'Its healthcheck fails, so everything that depends on it is broken or waits for it.',
    fix: (c) =>
      c.side === 'staging'
        ? {
            steps: [
              "Read the probes' output in the evidence, and the container's logs on staging (docker logs).",
              'Fix staging first: comparing against a broken staging proves nothing.',
            ],
            command: null,
            action: null,
          }
        : {
            steps: [
              `Read its last probes and logs: docker logs --tail 50 ${containerOf(c)}`,
              `Restart it: docker restart ${containerOf(c)}`,
              'If it stays unhealthy, recreate the stack: npx parity up',
            ],
            command: `docker restart ${containerOf(c)}`,
            action: 'restart',
          },
  },
  'service.state-differs': {
    title: 'Run the service the way staging does',
    why: 'A service that is stopped, paused or restarting on one side answers differently than on the other.',
    fix: (c) =>
      c.side === 'staging'
        ? {
            steps: ['Check the service on staging (docker ps -a); Parity never changes staging.'],
            command: null,
            action: null,
          }
        : {
            steps: [
              `Start it again: docker restart ${containerOf(c)}`,
              `If it stops again, read why: docker logs --tail 50 ${containerOf(c)}`,
            ],
            command: `docker restart ${containerOf(c)}`,
            action: 'restart',
          },
  },
  'service.restarting': {
    title: 'Find out why the service keeps restarting',
    why: 'The engine restarted it after it crashed: it works between crashes, which hides the problem until it does not.',
    fix: (c) => ({
      steps: [
        `Read the crash: docker logs --tail 100 ${containerOf(c)}`,
        `See how it last exited: docker inspect --format '{{.State.ExitCode}} {{.State.Error}}' ${containerOf(c)}`,
      ],
      command: c.side === 'staging' ? null : `docker logs --tail 100 ${containerOf(c)}`,
      action: null,
    }),
  },
  'config.env-missing': {
    title: 'Add the missing environment keys',
    why: 'parity.yml requires these keys; without them the service starts with an empty value and fails at the first call that needs it.',
    fix: (c) => envFromTemplate(c),
  },
  'config.env-keys-differ': {
    title: 'Make the environment keys match staging',
    why: 'A key set on one side only switches behaviour (a feature flag, a fallback URL) on that side only.',
    fix: (c) =>
      (c.keys ?? []).length > 0
        ? envFromTemplate(c)
        : {
            steps: [
              'Remove the keys staging does not have from .env (or docker-compose.yml), or ask for them on staging.',
              'Recreate the service: npx parity up',
            ],
            command: null,
            action: null,
          },
  },
  'config.env-value-differs': {
    title: 'Check the values that differ from staging',
    why: 'Same key, different value. Values were compared as salted hashes: neither value left its machine.',
    fix: (c) => ({
      steps: [
        `Compare ${(c.keys ?? []).join(', ') || 'these keys'} in your .env with the team's template and with what staging is given.`,
        'Values that must differ (hosts, secrets) can stay; anything else: fix .env, then npx parity up.',
      ],
      command: null,
      action: null,
    }),
  },
  'config.compose-differs': {
    title: 'Recreate the service from the same configuration',
    why: "The resolved compose configuration the container was created from is not staging's: ports, mounts, commands or limits differ.",
    fix: (c) => ({
      steps: [
        `See the resolved configuration: docker compose config ${q(c.service ?? '<service>')}`,
        'If docker-compose.yml changed since the container was made, recreate it: npx parity up',
      ],
      command: 'npx parity up',
      action: 'recreate',
    }),
  },
  'data.schema-differs': {
    title: 'Bring the database schema in line',
    why: 'A migration ran on one side only: queries that work on one side fail on the other.',
    fix: () => ({
      steps: [
        'Run the migrations staging has and this database lacks (or the reverse).',
        'Or start again from the seed — this loses local data, so save a baseline first: npx parity down --volumes && npx parity up && npx parity seed',
      ],
      command: null,
      action: null,
    }),
  },
  'data.seed-mismatch': {
    title: 'Reseed the database',
    why: 'The data is not what the deterministic seed makes, so tests and bug reports see different rows.',
    fix: () => ({
      steps: [
        'Reseed: npx parity seed',
        'If it still differs, the database was not empty: npx parity down --volumes && npx parity up && npx parity seed',
      ],
      command: 'npx parity seed',
      action: 'reseed',
    }),
  },
  'runtime.version-differs': {
    title: 'Run the same runtime version as staging',
    why: 'Runtimes change behaviour between versions (defaults, bugs, performance); a fix that works on one may not on the other.',
    fix: () => ({
      steps: [
        'The runtime comes with the image: pull the pinned image and recreate: npx parity pull && npx parity up',
        'If the images already match, the runtime is installed at start-up: pin its version in the Dockerfile.',
      ],
      command: 'npx parity pull && npx parity up',
      action: 'pull',
    }),
  },
  'health.payload-differs': {
    title: 'Compare the health responses',
    why: 'The health endpoint reports a different version or state: the two sides are not running the same thing.',
    fix: (c) => ({
      steps: [
        `See the local answer: curl -s ${q(c.url ?? '<health url>')}`,
        'The difference usually follows an image or config finding: fix those first, then check again.',
      ],
      command: c.url === undefined ? null : `curl -s ${q(c.url)}`,
      action: null,
    }),
  },
};

export function remediationFor(kind: DriftKind, context: RemedyContext): FindingRemediation {
  const entry = CATALOGUE[kind];
  return { id: kind, title: entry.title, why: entry.why, ...entry.fix(context) };
}

/** Keys copied from the template into .env: the action appends only keys .env lacks, never a value it has. */
function envFromTemplate(c: RemedyContext): Fix {
  const keys = c.keys ?? [];
  const template = c.template;
  if (template === undefined || keys.length === 0) {
    return {
      steps: [
        `Define ${keys.join(', ') || 'the keys'} in .env and pass them to the service in docker-compose.yml (environment:).`,
        'Recreate the service: npx parity up',
      ],
      command: null,
      action: null,
    };
  }
  return {
    steps: [
      `Copy ${keys.join(', ')} from ${template} into .env (keys .env already has are left alone), and set real values.`,
      'Make sure docker-compose.yml passes them to the service (environment:), then recreate it: npx parity up',
    ],
    command: `grep -E ${q(`^(${keys.join('|')})=`)} ${q(template)} >> .env && npx parity up`,
    action: 'env-from-template',
  };
}
