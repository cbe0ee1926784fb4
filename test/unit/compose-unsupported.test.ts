import { afterEach, describe, expect, it } from 'vitest';
import { loadCompose } from '../../electron/core/compose/load-compose';
import { tempProject, type TempProject } from '../fixtures/compose/temp-project';

const compose = `
version: "3.9"
x-anything: { ignored: true }
services:
  app:
    image: app:1
    secrets: [token]
    configs: [settings]
    sysctls: { net.core.somaxconn: 1024 }
    ulimits: { nofile: 65535 }
    develop: { watch: [] }
    x-team: web
    ports:
      - target: 80
        published: 8080
        mode: host
    deploy:
      replicas: 2
      resources:
        limits: { cpus: "1" }
        reservations: { memory: 128m }
    build:
      context: .
      cache_from: [app:cache]
    healthcheck:
      test: ["CMD", "true"]
  tools:
    image: busybox
    profiles: [debug]
    privileged: true
include:
  - other.yml
secrets:
  token: { file: ./token.txt }
configs:
  settings: { file: ./settings.ini }
volumes:
  data:
    driver_opts: { type: none }
networks:
  backend:
    ipam: { driver: default }
`;

describe('keys Parity does not support yet', () => {
  let project: TempProject | undefined;
  afterEach(() => project?.remove());

  it('reports each by name and path, skips x- extensions and services that are disabled', async () => {
    project = tempProject({ 'docker-compose.yml': compose });
    const { model, warnings } = await loadCompose({ file: project.file, env: {} });
    expect(warnings.map((warning) => warning.path)).toEqual([
      'version',
      'services.app.secrets',
      'services.app.configs',
      'services.app.sysctls',
      'services.app.ulimits',
      'services.app.develop',
      'services.app.ports[0].mode',
      'services.app.deploy.replicas',
      'services.app.deploy.resources.reservations',
      'services.app.build.cache_from',
      'include',
      'secrets',
      'configs',
      'networks.backend.ipam',
    ]);
    expect(warnings[0]?.message).toMatch(/obsolete/);
    expect(warnings[1]?.message).toBe(
      '`secrets` is not supported by Parity yet: it is left out of the model, so Parity neither checks nor applies it',
    );
    // What is supported beside them is still resolved.
    expect(model.services.app?.resources.nanoCpus).toBe(1_000_000_000);
    expect(model.volumes.data?.driverOpts).toEqual({ type: 'none' });
  });

  it('says by name that depends_on restart: true is not applied (and is silent about restart: false)', async () => {
    project = tempProject({
      'docker-compose.yml': [
        'services:',
        '  db: { image: db:1 }',
        '  cache: { image: cache:1 }',
        '  app:',
        '    image: app:1',
        '    depends_on:',
        '      db: { condition: service_healthy, restart: true }',
        '      cache: { condition: service_started, restart: false }',
      ].join('\n'),
    });
    const { model, warnings } = await loadCompose({ file: project.file, env: {} });
    expect(warnings).toEqual([
      {
        path: 'services.app.depends_on.db.restart',
        message:
          '`restart: true` is not supported by Parity yet: when db is recreated, Parity does not restart app; ' +
          'restart it yourself (docker restart) after such an up',
      },
    ]);
    expect(model.services.app?.dependsOn['db']).toEqual({
      condition: 'service_healthy',
      restart: true,
      required: true,
    });
  });

  it('keeps keys named like Object internals as plain data', async () => {
    project = tempProject({
      'docker-compose.yml': [
        'services:',
        '  __proto__:',
        '    image: app:1',
        '    environment: { constructor: a, __proto__: b }',
        '  constructor:',
        '    image: app:2',
      ].join('\n'),
    });
    const { model, warnings } = await loadCompose({ file: project.file, env: {} });
    expect(warnings).toEqual([]);
    expect(Object.keys(model.services)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(model.services)).toBe(Object.prototype);
    expect(Object.entries(model.services.__proto__?.environment ?? {})).toEqual([
      ['constructor', 'a'],
      ['__proto__', 'b'],
    ]);
  });

  it('warns when a variable is unset, once per variable, and when a bare environment key has no value', async () => {
    project = tempProject({
      'docker-compose.yml': [
        'services:',
        '  app:',
        '    image: app:${TAG}',
        '    environment: [TOKEN, "SECOND=${TAG}"]',
      ].join('\n'),
    });
    const { warnings } = await loadCompose({ file: project.file, env: {} });
    expect(warnings).toEqual([
      {
        path: 'services.app.image',
        message: 'the variable TAG is not set, so it is read as an empty string',
      },
      {
        path: 'services.app.environment.TOKEN',
        message:
          'TOKEN has no value here and is not set in the environment, so the container does not get it',
      },
    ]);
  });
});
