import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { freePort, prepareLocalWorkspace } from '../fixtures/snapshots/local-workspace';
import type { LabConfig } from '../lab/lab-config';
import type { InspectDiffTarget } from './inspect-diff-baseline';

interface ComposeService {
  image?: string;
  ports?: string[];
  depends_on?: unknown;
  healthcheck?: { timeout?: string; retries?: number; [key: string]: unknown };
  [key: string]: unknown;
}

/**
 * Gives every healthcheck in a benchmark workspace a 15 s interval, a 10 s timeout and 60 retries. Each probe
 * is an exec in the container: 40 services probing every second (the lab's 1 s) load the shared machine
 * more than the tools being measured; and at load average 50+ a 2 s pg_isready times out often enough to
 * mark the database unhealthy and fail `parity up`. The benchmark times the check, not the stack's start.
 */
export function relaxHealthchecks(composeFile: string): void {
  const compose = parse(readFileSync(composeFile, 'utf8')) as { services: Record<string, ComposeService> };
  for (const service of Object.values(compose.services))
    if (service.healthcheck)
      Object.assign(service.healthcheck, { interval: '15s', timeout: '10s', retries: 60 });
  writeFileSync(composeFile, stringify(compose));
}

export interface SyntheticStack {
  /** The developer's checkout: its parity.yml names `stagingProject` as staging's project. */
  workspace: string;
  /** The same stack as deployed to staging: no published ports, its own project name. */
  stagingWorkspace: string;
  project: string;
  stagingProject: string;
  /** What the bash baseline compares, service by service. */
  target: InspectDiffTarget;
}

/**
 * The lab workspace widened to `services` services for the scaling benchmark: the lab's database and
 * `services - 1` copies of its app (busybox httpd serving /health), each with its own published port and
 * its own health probe in parity.yml, every image pinned. Staging gets the same compose file without
 * ports under its own project name; both sides are started by the benchmark (`parity up`), on the lab's
 * two engines, and removed after.
 */
export async function writeSyntheticStack(
  lab: LabConfig,
  dir: string,
  services: number,
  name: string,
): Promise<SyntheticStack> {
  const project = `${name}-local`;
  const stagingProject = `${name}-staging`;
  const workspace = join(dir, 'local');
  await prepareLocalWorkspace(lab, workspace, project);

  const composeFile = join(workspace, 'docker-compose.yml');
  relaxHealthchecks(composeFile);
  const compose = parse(readFileSync(composeFile, 'utf8')) as { services: Record<string, ComposeService> };
  const app = compose.services['app'];
  if (!app?.image || !compose.services['db']?.image) throw new Error('the lab workspace has no app and db');
  const apps = [
    'app',
    ...Array.from({ length: services - 2 }, (_, i) => `app${String(i + 2).padStart(2, '0')}`),
  ];
  const contractFile = join(workspace, 'parity.yml');
  const contract = parse(readFileSync(contractFile, 'utf8')) as {
    images: Record<string, string>;
    health: Record<string, { url: string; ignore?: string[] }>;
    staging: { project: string };
  };
  const ignore = contract.health['app']?.ignore ?? [];
  for (const [index, service] of apps.entries()) {
    const port = index === 0 ? Number(/:(\d+):8080$/.exec(app.ports?.[0] ?? '')?.[1]) : await freePort();
    const copy: ComposeService = { ...app, ports: [`127.0.0.1:${port}:8080`] };
    // Only the first app waits for the database: the copies start beside it.
    if (index > 0) delete copy.depends_on;
    compose.services[service] = copy;
    contract.images[service] = app.image;
    contract.health[service] = { url: `http://127.0.0.1:${port}/health`, ignore };
  }
  contract.staging.project = stagingProject;
  writeFileSync(composeFile, stringify(compose));
  writeFileSync(contractFile, stringify(contract));

  const stagingWorkspace = join(dir, 'staging');
  cpSync(workspace, stagingWorkspace, { recursive: true });
  const staged = { ...compose, name: stagingProject } as typeof compose & { name: string };
  for (const service of Object.values(staged.services)) delete service.ports;
  writeFileSync(join(stagingWorkspace, 'docker-compose.yml'), stringify(staged));

  const all = ['db', ...apps];
  return {
    workspace,
    stagingWorkspace,
    project,
    stagingProject,
    target: {
      local: Object.fromEntries(all.map((s) => [s, `${project}-${s}-1`])),
      staging: Object.fromEntries(all.map((s) => [s, `${stagingProject}-${s}-1`])),
      localHealth: Object.fromEntries(apps.map((s) => [s, contract.health[s]?.url ?? ''])),
      stagingHealth: Object.fromEntries(apps.map((s) => [s, 'http://127.0.0.1:8080/health'])),
    },
  };
}
