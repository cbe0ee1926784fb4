import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { ParityError } from '../parity-error';
import { credentialHelperRunner, type CredentialHelperRunner } from './credential-helper';
import type { CredentialStore, RegistryCredentials } from './credentials';
import { DOCKER_HUB } from './image-reference';
import { credentialServer } from './registry-endpoint';

const authEntry = z.looseObject({
  auth: z.string().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  identitytoken: z.string().optional(),
});

const configSchema = z.looseObject({
  auths: z.record(z.string(), authEntry).optional(),
  credHelpers: z.record(z.string(), z.string()).optional(),
  credsStore: z.string().optional(),
});

type DockerConfig = z.output<typeof configSchema>;

const helperAnswer = z.looseObject({ Username: z.string().optional(), Secret: z.string() });

/** Config files are small; anything bigger is not one. */
const MAX_CONFIG_BYTES = 1024 * 1024;

export interface DockerConfigOptions {
  /** DOCKER_CONFIG, and the PATH credential helpers are found on. */
  env?: Readonly<Record<string, string | undefined>>;
  homedir?: string;
  runHelper?: CredentialHelperRunner;
}

/** `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`: where the docker CLI keeps logins. */
export function dockerConfigPath(options: DockerConfigOptions = {}): string {
  const env = options.env ?? process.env;
  const dir = env['DOCKER_CONFIG'] || join(options.homedir ?? homedir(), '.docker');
  return join(dir, 'config.json');
}

/**
 * Credentials the way the docker CLI finds them: a credential helper for that registry (credHelpers),
 * else the stored `auths` entry (base64 user:password, or an identity token), else the default store
 * (credsStore). The file is read once, on the first lookup; a missing file means no credentials.
 */
export function dockerConfigCredentials(options: DockerConfigOptions = {}): CredentialStore {
  const path = dockerConfigPath(options);
  const runHelper = options.runHelper ?? credentialHelperRunner(options.env ?? process.env);
  let config: Promise<DockerConfig> | undefined;
  const cache = new Map<string, Promise<RegistryCredentials | undefined>>();

  const lookup = async (domain: string): Promise<RegistryCredentials | undefined> => {
    config ??= readDockerConfig(path);
    const loaded = await config;
    const server = credentialServer(domain);
    const helper =
      loaded.credHelpers?.[domain] ?? (domain === DOCKER_HUB ? loaded.credHelpers?.[server] : undefined);
    if (helper !== undefined) return fromHelper(runHelper, helper, server);
    const entry = findAuthEntry(loaded, domain);
    if (entry !== undefined) {
      const stored = fromAuthEntry(entry, path);
      if (stored !== undefined) return stored;
    }
    // Docker keeps only the registry's name in auths when a store holds the secret: ask the store.
    if (loaded.credsStore) return fromHelper(runHelper, loaded.credsStore, server);
    return undefined;
  };

  return {
    origin: path,
    lookup: (domain) => {
      let found = cache.get(domain);
      if (found === undefined) {
        found = lookup(domain);
        cache.set(domain, found);
      }
      return found;
    },
  };
}

async function readDockerConfig(path: string): Promise<DockerConfig> {
  let text: string;
  try {
    const bytes = await readFile(path);
    if (bytes.byteLength > MAX_CONFIG_BYTES) throw new Error('larger than 1 MiB');
    text = bytes.toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return {};
    throw new ParityError(
      'invalid-request',
      `The Docker config ${path} cannot be read: ${error instanceof Error ? error.message : String(error)}.`,
      `Check the file (ls -l ${path}), or point DOCKER_CONFIG at another folder.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ParityError(
      'invalid-request',
      `The Docker config ${path} is not valid JSON (${error instanceof Error ? error.message : String(error)}).`,
      `Fix or remove ${path}; docker login writes it again.`,
    );
  }
  const result = configSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ParityError(
      'invalid-request',
      `The Docker config ${path} has an unexpected ${issue?.path.join('.') ?? 'shape'}: ${issue?.message ?? ''}.`,
      `Fix or remove ${path}; docker login writes it again.`,
    );
  }
  return result.data;
}

/**
 * auths keys are written many ways: `host`, `https://host`, `http://host/v1/`; Hub's is
 * `https://index.docker.io/v1/`. Compared by host, as the docker CLI does.
 */
function findAuthEntry(config: DockerConfig, domain: string): z.output<typeof authEntry> | undefined {
  const auths = config.auths ?? {};
  for (const [key, entry] of Object.entries(auths)) {
    const host = key.replace(/^https?:\/\//, '').split('/')[0] ?? '';
    const normalised = host === 'index.docker.io' || host === 'registry-1.docker.io' ? DOCKER_HUB : host;
    if (normalised === domain) return entry;
  }
  return undefined;
}

function fromAuthEntry(entry: z.output<typeof authEntry>, source: string): RegistryCredentials | undefined {
  let username = entry.username;
  let password = entry.password;
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      username = decoded.slice(0, colon);
      password = decoded.slice(colon + 1);
    }
  }
  const identityToken = entry.identitytoken || undefined;
  if (identityToken === undefined && (username === undefined || password === undefined)) return undefined;
  return { username, password: identityToken === undefined ? password : undefined, identityToken, source };
}

async function fromHelper(
  run: CredentialHelperRunner,
  helper: string,
  server: string,
): Promise<RegistryCredentials | undefined> {
  const output = await run(helper, server);
  if (output === null) return undefined;
  let parsed: z.output<typeof helperAnswer>;
  try {
    parsed = helperAnswer.parse(JSON.parse(output));
  } catch {
    throw new ParityError(
      'engine-error',
      `The credential helper docker-credential-${helper} answered for ${server} with something other than {"Username","Secret"}.`,
      `Run: echo ${server} | docker-credential-${helper} get`,
    );
  }
  const source = `docker-credential-${helper}`;
  // The helper protocol's way of saying "this secret is an identity token, not a password".
  if (parsed.Username === '<token>') {
    return { username: undefined, password: undefined, identityToken: parsed.Secret, source };
  }
  return { username: parsed.Username, password: parsed.Secret, identityToken: undefined, source };
}
