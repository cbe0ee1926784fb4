import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { isAlive, ownedPid, run, spawnDetached, terminate } from './proc.js';
import type { TokenServerConfig } from './token-server.js';
import { waitUntil } from './wait.js';

/**
 * A second lab registry that, like a private registry in real life, only answers with a bearer token: the
 * same Debian docker-registry with `auth: token`, and a token server of our own (token-server.ts) that
 * checks Basic credentials and signs JWTs with a key whose self-signed certificate the registry trusts.
 */
export const AUTH_REGISTRY_HOST = '127.0.0.1';
export const AUTH_REGISTRY_PORT = 5001;
export const AUTH_REGISTRY = `${AUTH_REGISTRY_HOST}:${AUTH_REGISTRY_PORT}`;
export const TOKEN_SERVER_PORT = 5002;
export const TOKEN_REALM = `http://${AUTH_REGISTRY_HOST}:${TOKEN_SERVER_PORT}/token`;
export const AUTH_SERVICE = 'parity-lab-auth-registry';
export const AUTH_USER = 'parity';
const ISSUER = 'parity-lab-token-server';
const TOKEN_SERVER = join(dirname(fileURLToPath(import.meta.url)), 'token-server.ts');

export interface AuthRegistryPaths {
  dir: string;
  data: string;
  config: string;
  pidfile: string;
  log: string;
  key: string;
  cert: string;
  password: string;
  refreshToken: string;
  tokenConfig: string;
  tokenPidfile: string;
  tokenLog: string;
}

export function authRegistryPaths(labDir: string): AuthRegistryPaths {
  const dir = join(labDir, 'auth-registry');
  return {
    dir,
    data: join(dir, 'data'),
    config: join(dir, 'config.yml'),
    pidfile: join(dir, 'registry.pid'),
    log: join(dir, 'registry.log'),
    key: join(dir, 'token.key'),
    cert: join(dir, 'token.crt'),
    password: join(dir, 'password'),
    refreshToken: join(dir, 'refresh-token'),
    tokenConfig: join(dir, 'token-server.json'),
    tokenPidfile: join(dir, 'token-server.pid'),
    tokenLog: join(dir, 'token-server.log'),
  };
}

export interface AuthRegistryState {
  registryPid: number;
  tokenServerPid: number;
  password: string;
  /** Whether both processes were already running. */
  reused: boolean;
}

function status(port: number, path: string): Promise<{ status: number; challenge: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: AUTH_REGISTRY_HOST, port, path, method: 'GET', timeout: 2_000 }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, challenge: String(res.headers['www-authenticate'] ?? '') }),
      );
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${path} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/** The registry answers /v2/ with 401 and a challenge naming our token server: anything else is not ours. */
async function registryAnswers(): Promise<boolean> {
  const answer = await status(AUTH_REGISTRY_PORT, '/v2/').catch(() => null);
  return answer?.status === 401 && answer.challenge.includes(TOKEN_REALM);
}

async function tokenServerAnswers(): Promise<boolean> {
  const answer = await status(TOKEN_SERVER_PORT, '/healthz').catch(() => null);
  return answer?.status === 200;
}

function secretFile(path: string): string {
  if (!existsSync(path)) writeFileSync(path, `${randomBytes(18).toString('base64url')}\n`, { mode: 0o600 });
  return readFileSync(path, 'utf8').trim();
}

/** An RSA key and its self-signed certificate: the token server signs with it, the registry trusts it. */
async function ensureSigningKey(paths: AuthRegistryPaths): Promise<void> {
  if (existsSync(paths.key) && existsSync(paths.cert)) return;
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    paths.key,
    '-out',
    paths.cert,
    '-days',
    '3650',
    '-subj',
    `/CN=${ISSUER}`,
  ]);
}

function writeRegistryConfig(paths: AuthRegistryPaths): void {
  const config = {
    version: 0.1,
    log: { level: 'info', fields: { service: AUTH_SERVICE } },
    storage: { filesystem: { rootdirectory: paths.data }, delete: { enabled: true } },
    http: { addr: AUTH_REGISTRY, secret: secretFile(join(paths.dir, 'http-secret')) },
    auth: {
      token: { realm: TOKEN_REALM, service: AUTH_SERVICE, issuer: ISSUER, rootcertbundle: paths.cert },
    },
  };
  writeFileSync(paths.config, stringify(config));
}

function writeTokenConfig(paths: AuthRegistryPaths): void {
  const config: TokenServerConfig = {
    host: AUTH_REGISTRY_HOST,
    port: TOKEN_SERVER_PORT,
    issuer: ISSUER,
    service: AUTH_SERVICE,
    keyFile: paths.key,
    certFile: paths.cert,
    user: AUTH_USER,
    passwordFile: paths.password,
    refreshTokenFile: paths.refreshToken,
    lifetimeSeconds: 300,
  };
  writeFileSync(paths.tokenConfig, `${JSON.stringify(config, null, 2)}\n`);
}

async function ensureTokenServer(paths: AuthRegistryPaths): Promise<{ pid: number; reused: boolean }> {
  const ours = ownedPid(paths.tokenPidfile, paths.tokenConfig);
  if (ours !== null && (await tokenServerAnswers())) return { pid: ours, reused: true };
  if (ours !== null) await terminate([ours], 5_000);
  writeTokenConfig(paths);
  // tsx as an import hook, resolved to a file here: the server must not depend on the cwd it starts in.
  const tsx = import.meta.resolve('tsx');
  const pid = await spawnDetached(
    process.execPath,
    ['--import', tsx, TOKEN_SERVER, paths.tokenConfig],
    paths.tokenLog,
  );
  writeFileSync(paths.tokenPidfile, `${pid}\n`);
  await waitUntil(
    `token server http://${AUTH_REGISTRY_HOST}:${TOKEN_SERVER_PORT}/healthz`,
    tokenServerAnswers,
    {
      timeoutMs: 20_000,
      log: paths.tokenLog,
      stillRunning: () => isAlive(pid),
    },
  );
  return { pid, reused: false };
}

async function ensureRegistryProcess(paths: AuthRegistryPaths): Promise<{ pid: number; reused: boolean }> {
  const ours = ownedPid(paths.pidfile, paths.config);
  if (ours !== null && (await registryAnswers())) return { pid: ours, reused: true };
  if (ours !== null) await terminate([ours], 5_000);
  mkdirSync(paths.data, { recursive: true });
  writeRegistryConfig(paths);
  const pid = await spawnDetached('docker-registry', ['serve', paths.config], paths.log);
  writeFileSync(paths.pidfile, `${pid}\n`);
  await waitUntil(`auth registry http://${AUTH_REGISTRY}/v2/`, registryAnswers, {
    timeoutMs: 30_000,
    log: paths.log,
    stillRunning: () => isAlive(pid),
  });
  return { pid, reused: false };
}

export async function ensureAuthRegistry(labDir: string): Promise<AuthRegistryState> {
  const paths = authRegistryPaths(labDir);
  mkdirSync(paths.dir, { recursive: true, mode: 0o755 });
  const password = secretFile(paths.password);
  secretFile(paths.refreshToken);
  await ensureSigningKey(paths);
  const [registry, tokenServer] = await Promise.all([ensureRegistryProcess(paths), ensureTokenServer(paths)]);
  return {
    registryPid: registry.pid,
    tokenServerPid: tokenServer.pid,
    password,
    reused: registry.reused && tokenServer.reused,
  };
}

/** Stops what ensureAuthRegistry started; keeps the data, keys and password, like the first registry. */
export async function stopAuthRegistry(labDir: string): Promise<string[]> {
  const paths = authRegistryPaths(labDir);
  const stopped: string[] = [];
  for (const [name, pidfile, marker] of [
    ['registry', paths.pidfile, paths.config],
    ['token server', paths.tokenPidfile, paths.tokenConfig],
  ] as const) {
    const pid = ownedPid(pidfile, marker);
    if (pid !== null) {
      await terminate([pid], 10_000);
      stopped.push(name);
    }
    rmSync(pidfile, { force: true });
  }
  return stopped;
}
