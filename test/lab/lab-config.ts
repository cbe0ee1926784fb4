import { existsSync, readFileSync } from 'node:fs';
import { labPaths } from './paths.js';

export interface LabEngine {
  /** unix:///… */
  socket: string;
  apiVersion?: string;
  /** False when the lab reused a developer's engine; lab:down leaves such an engine alone. */
  managed?: boolean;
  pid?: number | null;
  log?: string;
}

export interface LabSsh {
  host: string;
  port: number;
  user: string;
  identityFile: string;
  /** SHA256:… as OpenSSH prints it. */
  hostKey: string;
  knownHostsFile?: string;
  pid?: number;
  log?: string;
}

export interface LabConfig {
  engine: LabEngine;
  /** host:port of the lab registry. */
  registry: string;
  staging: {
    engine: LabEngine & { bridge?: string };
    ssh: LabSsh;
    project?: string;
    workingDir?: string;
    containers?: Record<string, string>;
  };
  workspace: string;
  images: {
    app: { '1.0.0': string; '2.0.0': string };
    postgres: string;
  };
  labDir?: string;
  registryInfo?: { url: string; managed: boolean; pid: number | null; dataDir: string; log: string };
  /** The second registry, which answers only with a bearer token from the lab's token server. */
  authRegistry?: {
    /** http://127.0.0.1:5001 */
    url: string;
    /** 127.0.0.1:5001 */
    host: string;
    tokenRealm: string;
    user: string;
    password: string;
    /** The app image there, pinned: 127.0.0.1:5001/parity/app@sha256:… */
    image: string;
  };
  /** The jump host in front of staging (127.0.0.1:2223): forwards to staging's sshd only. */
  bastion?: LabSsh;
  /** Tag → digest, e.g. "127.0.0.1:5000/parity/app:1.0.0" → "sha256:…". */
  tags?: Record<string, string>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The keys tests rely on; the rest is informational. */
function isLabConfig(value: unknown): value is LabConfig {
  if (!isObject(value) || !isObject(value.engine) || !isObject(value.staging) || !isObject(value.images))
    return false;
  const { staging, images } = value;
  return (
    typeof value.engine.socket === 'string' &&
    typeof value.registry === 'string' &&
    typeof value.workspace === 'string' &&
    isObject(staging.engine) &&
    typeof staging.engine.socket === 'string' &&
    isObject(staging.ssh) &&
    typeof staging.ssh.identityFile === 'string' &&
    typeof staging.ssh.hostKey === 'string' &&
    isObject(images.app) &&
    typeof images.app['1.0.0'] === 'string' &&
    typeof images.app['2.0.0'] === 'string' &&
    typeof images.postgres === 'string'
  );
}

/** Reads .lab/lab.json (or $PARITY_LAB_DIR/lab.json), written by `npm run lab:up`. */
export function loadLab(file: string = labPaths().labJson): LabConfig {
  if (!existsSync(file)) throw new Error(`${file} not found: run npm run lab:up first`);
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isLabConfig(parsed))
    throw new Error(`${file} is not a lab config from this version: run npm run lab:up again`);
  return parsed;
}
