import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Engine } from './engine-client.js';
import { REGISTRY, tagDigest, tagLabels } from './registry-client.js';

export const FINGERPRINT_LABEL = 'org.parity.lab.fingerprint';

export interface PushedImage {
  /** 127.0.0.1:5000/parity/app:1.0.0 */
  tagged: string;
  /** 127.0.0.1:5000/parity/app@sha256:… */
  pinned: string;
  digest: string;
  built: boolean;
}

interface ProgressLine {
  error?: string;
  errorDetail?: { message?: string };
  stream?: string;
}

/** Reads an engine's JSON-lines progress to the end; the HTTP status is 200 even when the work failed. */
export function drainProgress(stream: NodeJS.ReadableStream, transcript?: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    let failure: string | null = null;
    const onLine = (line: string): void => {
      if (line.trim() === '') return;
      try {
        const parsed = JSON.parse(line) as ProgressLine;
        const message = parsed.errorDetail?.message ?? parsed.error;
        if (message) failure = message;
        if (parsed.stream) transcript?.push(parsed.stream);
      } catch {
        transcript?.push(line);
      }
    };
    stream.on('data', (chunk: Buffer | string) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      lines.forEach(onLine);
    });
    stream.on('error', reject);
    stream.on('end', () => {
      onLine(buffer);
      if (failure === null) resolve();
      else reject(new Error(failure));
    });
  });
}

/** Deterministic tar of a build context: sorted names, zero mtimes and owners. */
export function tarContext(dir: string): NodeJS.ReadableStream {
  const tar = spawn(
    'tar',
    ['--sort=name', '--mtime=@0', '--owner=0', '--group=0', '--numeric-owner', '-C', dir, '-cf', '-', '.'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return tar.stdout;
}

/** Hash of every path, mode, symlink target and content in a build context. */
export function fingerprintDir(dir: string): string {
  const hash = createHash('sha256');
  const walk = (current: string): void => {
    for (const name of readdirSync(current).sort()) {
      const full = join(current, name);
      const stat = lstatSync(full);
      hash.update(`${relative(dir, full)}\0${stat.mode}\0`);
      if (stat.isSymbolicLink()) hash.update(readlinkSync(full));
      else if (stat.isDirectory()) walk(full);
      else hash.update(readFileSync(full));
      hash.update('\0');
    }
  };
  walk(dir);
  return hash.digest('hex');
}

export interface ImageSpec {
  /** Path in the registry, e.g. parity/app */
  repository: string;
  tag: string;
  /** A prepared build context with a Dockerfile. */
  contextDir: string;
  /** Work needed only when a build must happen (e.g. importing a base image). */
  beforeBuild?: () => Promise<void>;
}

/**
 * Builds and pushes unless the registry already holds this tag built from the same context,
 * so a warm lab never rebuilds and an edited fixture never goes stale.
 */
export async function ensurePushedImage(engine: Engine, spec: ImageSpec): Promise<PushedImage> {
  const fingerprint = fingerprintDir(spec.contextDir);
  appendFileSync(join(spec.contextDir, 'Dockerfile'), `LABEL ${FINGERPRINT_LABEL}=${fingerprint}\n`);
  const tagged = `${REGISTRY}/${spec.repository}:${spec.tag}`;
  const existing = await tagDigest(spec.repository, spec.tag);
  if (existing !== null) {
    const labels = await tagLabels(spec.repository, spec.tag);
    if (labels[FINGERPRINT_LABEL] === fingerprint) {
      return { tagged, pinned: `${REGISTRY}/${spec.repository}@${existing}`, digest: existing, built: false };
    }
  }
  await spec.beforeBuild?.();
  const transcript: string[] = [];
  const build = await engine.docker.buildImage(tarContext(spec.contextDir), {
    t: tagged,
    rm: true,
    forcerm: true,
  });
  await drainProgress(build, transcript).catch((error: unknown) => {
    throw new Error(
      `building ${tagged}: ${error instanceof Error ? error.message : String(error)}\n${transcript.join('')}`,
    );
  });
  // The engine wants an X-Registry-Auth header even for a registry without auth.
  const push = await engine.docker
    .getImage(`${REGISTRY}/${spec.repository}`)
    .push({ tag: spec.tag, authconfig: { serveraddress: REGISTRY } });
  await drainProgress(push).catch((error: unknown) => {
    throw new Error(`pushing ${tagged}: ${error instanceof Error ? error.message : String(error)}`);
  });
  const digest = await tagDigest(spec.repository, spec.tag);
  if (digest === null) throw new Error(`pushed ${tagged} but the registry does not list it`);
  return { tagged, pinned: `${REGISTRY}/${spec.repository}@${digest}`, digest, built: true };
}
