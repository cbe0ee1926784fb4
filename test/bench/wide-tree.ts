import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadCompose } from '../../electron/core/compose/load-compose';
import type { StackWorkspace } from '../fixtures/stacks/stack-workspace';

const SERVICES = 20;

/**
 * A wider synthetic stack: 20 busybox services in a binary dependency tree (s0 is the root; s1 and s2 wait
 * on it being healthy, and so on: five levels), each with a quick healthcheck, to show how an orchestrator
 * scales when many services become startable at once. The probe timeout is generous: on a loaded machine
 * a 2 s timeout fails `busybox true`, and the benchmark measures orchestration, not the timeout. A minimal parity.yml beside it lets the CLI start it.
 */
export function wideTreeWorkspace(project: string, image: string): StackWorkspace {
  const dir = mkdtempSync(join(tmpdir(), 'parity-bench-tree-'));
  const services: Record<string, unknown> = {};
  for (let i = 0; i < SERVICES; i++) {
    const parent = i === 0 ? null : `s${Math.floor((i - 1) / 2)}`;
    services[`s${i}`] = {
      image,
      healthcheck: { test: ['CMD', '/bin/busybox', 'true'], interval: '500ms', timeout: '10s', retries: 3 },
      ...(parent === null ? {} : { depends_on: { [parent]: { condition: 'service_healthy' } } }),
    };
  }
  const file = join(dir, 'docker-compose.yml');
  writeFileSync(file, stringify({ name: project, services }));
  // The smallest contract `parity up` accepts, so the tree is started by the CLI like the lab stack.
  const images = Object.fromEntries(Object.keys(services).map((name) => [name, image]));
  const contract = {
    version: 1,
    name: project,
    compose: 'docker-compose.yml',
    images,
    env: { required: [] },
    seed: { service: 's0', command: ['true'], dump: ['true'] },
    health: {},
    staging: { ssh: 'deploy@127.0.0.1', engine: 'docker', project },
  };
  writeFileSync(join(dir, 'parity.yml'), stringify(contract));
  return {
    dir,
    file,
    project,
    origin: { workingDir: dir, configFiles: [file] },
    load: async () => (await loadCompose({ file, env: {}, projectName: project })).model,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
