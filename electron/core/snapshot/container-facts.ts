import type { ServiceEvidence } from '../../../shared/snapshot-schema';

/**
 * The part of `docker inspect` a snapshot reads — and nothing more: environment values are not in it, so
 * staging can print these facts without a secret ever crossing the wire. The same shape is built from
 * dockerode's inspect locally and from the Go template below over SSH, so both sides go through one parser.
 */
export interface ContainerFacts {
  name: string;
  state: { status: string; health: string | null; probes: ServiceEvidence['lastProbes'] };
  image: string;
  imageId: string;
  labels: Record<string, string>;
  restartCount: number;
}

export interface ImageFacts {
  id: string;
  repoDigests: string[];
  platform: string;
}

/** `docker inspect --format` templates printing exactly the facts above as one JSON line. */
export const CONTAINER_TEMPLATE =
  '{"Name":{{json .Name}},"State":{{json .State}},"Config":{"Image":{{json .Config.Image}},"Labels":{{json .Config.Labels}}},"Image":{{json .Image}},"RestartCount":{{json .RestartCount}}}';
export const IMAGE_TEMPLATE =
  '{"Id":{{json .Id}},"RepoDigests":{{json .RepoDigests}},"Os":{{json .Os}},"Architecture":{{json .Architecture}},"Variant":{{json (index . "Variant")}}}';

const MAX_PROBE_OUTPUT = 2000;

/** Parses inspect JSON defensively: anything missing or of the wrong type becomes an empty value. */
export function containerFacts(inspect: unknown): ContainerFacts {
  const root = record(inspect);
  const state = record(root['State']);
  const health = record(state['Health']);
  const config = record(root['Config']);
  return {
    name: text(root['Name']).replace(/^\//, ''),
    state: {
      status: text(state['Status']),
      health: typeof health['Status'] === 'string' ? health['Status'] : null,
      probes: list(health['Log']).map((entry) => {
        const probe = record(entry);
        return {
          exitCode: typeof probe['ExitCode'] === 'number' ? probe['ExitCode'] : -1,
          output: cleanText(text(probe['Output'])).slice(0, MAX_PROBE_OUTPUT),
          end: text(probe['End']),
        };
      }),
    },
    image: text(config['Image']),
    imageId: text(root['Image']),
    labels: Object.fromEntries(
      Object.entries(record(config['Labels'])).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    ),
    restartCount: typeof root['RestartCount'] === 'number' ? root['RestartCount'] : 0,
  };
}

export function imageFacts(inspect: unknown): ImageFacts {
  const root = record(inspect);
  const variant = text(root['Variant']);
  return {
    id: text(root['Id']),
    repoDigests: list(root['RepoDigests']).filter((d): d is string => typeof d === 'string'),
    platform: [text(root['Os']), text(root['Architecture']), variant].filter((p) => p !== '').join('/'),
  };
}

/** Remote text is untrusted: control characters (terminal escapes included) are dropped before display. */
export function cleanText(value: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return value.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '').trim();
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
