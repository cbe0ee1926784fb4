import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ComposeError } from '../../electron/core/compose/compose-error';
import { loadCompose } from '../../electron/core/compose/load-compose';
import { tempProject, type TempProject } from '../fixtures/compose/temp-project';

const goodDir = fileURLToPath(new URL('../fixtures/compose/good/', import.meta.url));
const good = `${goodDir}docker-compose.yml`;
const env = { HOME: '/home/dev' };
const SECOND = 1_000_000_000;

describe('loading the good fixture', () => {
  it('resolves the whole project', async () => {
    const { model, warnings } = await loadCompose({ file: good, env });
    // The one key of the file Parity reads but does not apply yet.
    expect(warnings.map((warning) => warning.path)).toEqual(['services.app.depends_on.db.restart']);
    expect(model.name).toBe('parity-demo');
    expect(model.profiles).toEqual([]);
    expect(Object.keys(model.services)).toEqual(['db', 'app']);
    expect(model.disabledServices).toEqual(['debug-tools']);
    expect(model.volumes).toEqual({
      'db-data': { name: 'parity-demo_db-data', external: false, driver: null, driverOpts: {}, labels: {} },
      cache: { name: 'cache', external: true, driver: null, driverOpts: {}, labels: {} },
    });
    expect(model.networks).toEqual({
      default: {
        name: 'parity-demo_default',
        external: false,
        driver: null,
        driverOpts: {},
        internal: false,
        labels: {},
      },
      backend: {
        name: 'acme-backend',
        external: false,
        driver: null,
        driverOpts: {},
        internal: false,
        labels: {},
      },
    });
  });

  it('resolves db: merge keys, .env values, durations, mounts and limits', async () => {
    const { model } = await loadCompose({ file: good, env });
    expect(model.services.db).toEqual({
      name: 'db',
      image: 'postgres:16-alpine',
      build: null,
      command: null,
      entrypoint: null,
      environment: {
        POSTGRES_USER: 'postgres',
        // From .env, single-quoted: the # is part of the value.
        POSTGRES_PASSWORD: 's3cr3t#not-a-comment',
        POSTGRES_DB: 'app_db',
        POSTGRES_INITDB_ARGS: '',
      },
      ports: [{ hostIp: '127.0.0.1', published: '5433', target: 5432, protocol: 'tcp' }],
      volumes: [
        { type: 'volume', source: 'db-data', target: '/var/lib/postgresql/data', readOnly: false },
        { type: 'bind', source: `${goodDir}seed`, target: '/seed', readOnly: true },
      ],
      networks: { default: { aliases: [], ipv4Address: null, ipv6Address: null } },
      networkMode: null,
      labels: { 'dev.parity.stack': 'demo' },
      healthcheck: {
        test: ['CMD-SHELL', 'pg_isready -U ${POSTGRES_USER}'],
        interval: 90 * SECOND,
        timeout: 500_000_000,
        startPeriod: 3_720 * SECOND,
        startInterval: null,
        retries: 3,
      },
      restart: 'unless-stopped',
      user: null,
      workingDir: null,
      platform: null,
      containerName: null,
      resources: { nanoCpus: 500_000_000, memoryBytes: 512 * 1024 ** 2 },
      dependsOn: {},
      profiles: [],
    });
  });

  it('resolves app: build, env_file precedence, both port syntaxes, long volumes, depends_on', async () => {
    const { model } = await loadCompose({ file: good, env });
    expect(model.services.app).toEqual({
      name: 'app',
      image: 'registry.acme.dev/app:latest',
      build: {
        context: `${goodDir}app`,
        dockerfile: 'Dockerfile',
        args: { NODE_VERSION: '20' },
        target: null,
      },
      command: 'npm start',
      entrypoint: ['/sbin/tini', '--'],
      environment: {
        NODE_ENV: 'production',
        // app.env says info; `environment` wins.
        LOG_LEVEL: 'debug',
        // app.env refers to GREETING, a multi-line value from the project's .env.
        GREETING_COPY: 'hello\nworld',
        DATABASE_URL: 'postgres://postgres@db:5432/app_db',
      },
      ports: [
        { hostIp: null, published: '3000', target: 3000, protocol: 'tcp' },
        { hostIp: '127.0.0.1', published: '9229', target: 9229, protocol: 'tcp' },
      ],
      volumes: [
        { type: 'bind', source: '/home/dev/.cache/app', target: '/cache', readOnly: false },
        { type: 'tmpfs', source: null, target: '/tmp', readOnly: false },
      ],
      networks: { default: { aliases: [], ipv4Address: null, ipv6Address: null } },
      networkMode: null,
      // The explicit list replaces the merged map entirely: YAML merges are shallow.
      labels: { 'dev.parity.role': 'web' },
      healthcheck: {
        test: ['CMD-SHELL', 'wget -qO- http://localhost:3000/health || exit 1'],
        interval: 10 * SECOND,
        timeout: null,
        startPeriod: null,
        startInterval: null,
        retries: null,
      },
      restart: 'unless-stopped',
      user: '1000:1000',
      workingDir: '/srv/app',
      platform: 'linux/amd64',
      containerName: null,
      resources: { nanoCpus: 500_000_000, memoryBytes: 512 * 1024 ** 2 },
      dependsOn: { db: { condition: 'service_healthy', restart: true, required: true } },
      profiles: [],
    });
  });

  it('lets the given environment override .env', async () => {
    const { model } = await loadCompose({
      file: good,
      env: { ...env, DB_PORT: '6543', DB_PASSWORD: 'from-shell', APP_TAG: 'v2' },
    });
    expect(model.services.db?.ports[0]?.published).toBe('6543');
    expect(model.services.db?.environment.POSTGRES_PASSWORD).toBe('from-shell');
    expect(model.services.app?.image).toBe('registry.acme.dev/app:v2');
  });

  it('enables a profiled service by profile, by COMPOSE_PROFILES, or by name', async () => {
    for (const options of [{ profiles: ['debug'] }, { profiles: ['*'] }, { services: ['debug-tools'] }]) {
      const { model } = await loadCompose({ file: good, env, ...options });
      expect(model.disabledServices).toEqual([]);
      expect(model.services['debug-tools']).toMatchObject({
        command: ['sleep', 'infinity'],
        profiles: ['debug'],
        dependsOn: { app: { condition: 'service_started', restart: false, required: true } },
      });
    }
    const fromEnv = await loadCompose({ file: good, env: { ...env, COMPOSE_PROFILES: 'debug, other' } });
    expect(fromEnv.model.profiles).toEqual(['debug', 'other']);
    expect(Object.keys(fromEnv.model.services)).toContain('debug-tools');
  });
});

describe('project names', () => {
  let project: TempProject | undefined;
  afterEach(() => project?.remove());
  const compose = 'services:\n  app:\n    image: app:1\n';

  it('normalises a folder name the way Compose does', async () => {
    project = tempProject({ 'docker-compose.yml': compose }, '_My Project.v2!');
    const { model } = await loadCompose({ file: project.file, env: {} });
    expect(model.name).toBe('myprojectv2');
    expect(model.networks.default?.name).toBe('myprojectv2_default');
  });

  it('prefers the option, then COMPOSE_PROJECT_NAME, then name:', async () => {
    project = tempProject({
      'docker-compose.yml': `name: from-file\n${compose}`,
      '.env': 'COMPOSE_PROJECT_NAME=from-dotenv\n',
    });
    expect((await loadCompose({ file: project.file, env: {}, projectName: 'from-option' })).model.name).toBe(
      'from-option',
    );
    expect((await loadCompose({ file: project.file, env: {} })).model.name).toBe('from-dotenv');
    expect(
      (await loadCompose({ file: project.file, env: { COMPOSE_PROJECT_NAME: 'from-env' } })).model.name,
    ).toBe('from-env');
  });

  it('refuses an explicit name Compose would refuse, at its line', async () => {
    project = tempProject({ 'docker-compose.yml': `name: My App\n${compose}` });
    await expect(loadCompose({ file: project.file, env: {} })).rejects.toMatchObject({
      problems: [
        { line: 1, column: 7, keyPath: 'name', message: expect.stringMatching(/not a valid project name/) },
      ],
    });
  });

  it('says so when the compose file is missing', async () => {
    const error = await loadCompose({ file: '/nonexistent/docker-compose.yml', env: {} }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ComposeError);
    expect(error).toMatchObject({
      code: 'invalid-request',
      problems: [{ line: null, message: 'the compose file does not exist' }],
    });
  });
});
