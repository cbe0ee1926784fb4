import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson, configHash, modelHash } from '../../electron/core/compose/config-hash';
import { loadCompose } from '../../electron/core/compose/load-compose';
import { tempProject, type TempProject } from '../fixtures/compose/temp-project';

const original = `
services:
  app:
    image: app:1
    environment:
      A: "1"
      B: "2"
    ports: ["8080:80"]
    healthcheck:
      test: ["CMD", "true"]
      interval: 10s
      retries: 3
  db:
    image: postgres:16
`;

// The same configuration: keys in another order, the list form of environment, durations spelled differently.
const reordered = `
services:
  db:
    image: postgres:16
  app:
    healthcheck:
      retries: 3
      interval: 10000ms
      test: ["CMD", "true"]
    ports:
      - target: 80
        published: 8080
    environment: ["B=2", "A=1"]
    image: app:1
`;

describe('config hashes', () => {
  const projects: TempProject[] = [];
  afterEach(() => projects.splice(0).forEach((project) => project.remove()));

  async function load(compose: string): ReturnType<typeof loadCompose> {
    const project = tempProject({ 'docker-compose.yml': compose });
    projects.push(project);
    return loadCompose({ file: project.file, env: {}, projectName: 'hashing' });
  }

  it('sorts keys at every depth and keeps list order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null } })).toBe('{"a":{"c":null,"d":[3,1]},"b":1}');
  });

  it('is stable across runs and key order', async () => {
    const first = await load(original);
    const again = await load(original);
    const other = await load(reordered);
    const app = first.model.services.app;
    if (app === undefined) throw new Error('app is missing');
    expect(configHash(app)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(configHash(app)).toBe(configHash(again.model.services.app ?? app));
    expect(configHash(other.model.services.app ?? app)).toBe(configHash(app));
    expect(modelHash(other.model)).toBe(modelHash(first.model));
  });

  it('changes with a real change, and only for the service that changed', async () => {
    const first = await load(original);
    const changed = await load(original.replace('B: "2"', 'B: "3"'));
    const [app, db] = [first.model.services.app, first.model.services.db];
    if (app === undefined || db === undefined) throw new Error('services are missing');
    expect(configHash(changed.model.services.app ?? app)).not.toBe(configHash(app));
    expect(configHash(changed.model.services.db ?? db)).toBe(configHash(db));
    expect(modelHash(changed.model)).not.toBe(modelHash(first.model));
    const retried = await load(original.replace('retries: 3', 'retries: 4'));
    expect(configHash(retried.model.services.app ?? app)).not.toBe(configHash(app));
  });
});
