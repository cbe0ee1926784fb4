import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { configHash } from '../../electron/core/compose/config-hash';
import { loadCompose } from '../../electron/core/compose/load-compose';
import type { ComposeModel } from '../../electron/core/compose/model';
import { containerPlan } from '../../electron/core/stack/container-spec';
import { shellWords } from '../../electron/core/stack/shell-words';

const file = fileURLToPath(new URL('../fixtures/stacks/spec.yml', import.meta.url));
const dir = fileURLToPath(new URL('../fixtures/stacks', import.meta.url));
const APP_IMAGE = `registry.test/app@sha256:${'a'.repeat(64)}`;
const DB_IMAGE = `registry.test/db@sha256:${'b'.repeat(64)}`;
const SECOND = 1_000_000_000;

async function model(): Promise<ComposeModel> {
  return (await loadCompose({ file, env: { APP_IMAGE, DB_IMAGE, HOME: '/home/dev' } })).model;
}

function planOf(loaded: ComposeModel, service: string): ReturnType<typeof containerPlan> {
  const spec = loaded.services[service];
  if (spec === undefined) throw new Error(`no ${service}`);
  return containerPlan(
    loaded,
    { name: loaded.name, workingDir: dir, configFiles: [file] },
    spec,
    configHash(spec),
  );
}

describe('a compose service in Engine API terms', () => {
  it('maps the database: volumes, binds, ports, healthcheck in nanoseconds, limits, restart, platform', async () => {
    const loaded = await model();
    const { name, create, connect } = planOf(loaded, 'db');
    expect(name).toBe('spec-demo-db-1');
    expect(create.Image).toBe(DB_IMAGE);
    expect(create.platform).toBe('linux/amd64');
    expect(create.Env).toEqual(['POSTGRES_DB=app_db']);
    expect(create.Healthcheck).toEqual({
      Test: ['CMD', 'pg_isready', '-U', 'postgres'],
      Interval: SECOND,
      Timeout: 2 * SECOND,
      StartPeriod: 90 * SECOND,
      Retries: 10,
    });
    expect(create.ExposedPorts).toEqual({ '5432/tcp': {} });
    expect(create.HostConfig).toEqual({
      Binds: [`${dir}/seed:/seed:ro`],
      Mounts: [
        { Type: 'volume', Source: 'spec-demo_db-data', Target: '/var/lib/postgresql/data', ReadOnly: false },
        { Type: 'volume', Source: '', Target: '/var/cache/anon', ReadOnly: false },
        { Type: 'tmpfs', Source: '', Target: '/run/tmp', ReadOnly: false },
      ],
      PortBindings: { '5432/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] },
      RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
      NetworkMode: 'spec-demo_default',
      NanoCpus: 500_000_000,
      Memory: 256 * 1024 * 1024,
    });
    expect(create.NetworkingConfig).toEqual({
      EndpointsConfig: { 'spec-demo_default': { Aliases: ['db'] } },
    });
    expect(connect).toEqual([]);
    // Without a command in the file the image's own stays: the request must not carry an empty one.
    expect(create).not.toHaveProperty('Cmd');
    expect(create).not.toHaveProperty('Entrypoint');
  });

  it('maps the app: split command, entrypoint, user, working dir, two networks, compose labels win', async () => {
    const loaded = await model();
    const app = loaded.services['app'];
    const { create, connect } = planOf(loaded, 'app');
    expect(create.Cmd).toEqual(['sh', '-c', 'echo "hello world"; exec httpd -f']);
    expect(create.Entrypoint).toEqual(['/bin/busybox']);
    expect(create.User).toBe('1000:1000');
    expect(create.WorkingDir).toBe('/srv');
    expect(create.Healthcheck).toEqual({
      Test: ['CMD-SHELL', 'busybox wget -q -O - http://127.0.0.1/health'],
    });
    expect(create.HostConfig?.RestartPolicy).toEqual({ Name: 'unless-stopped' });
    expect(create.HostConfig?.PortBindings).toEqual({
      '80/tcp': [{ HostIp: '', HostPort: '8080' }],
      '9000/udp': [{ HostIp: '', HostPort: '9000' }],
      '9001/udp': [{ HostIp: '', HostPort: '9001' }],
    });
    // One network at create (API 1.41 takes one), the rest joined before start; sorted, so stable.
    expect(create.HostConfig?.NetworkMode).toBe('shared-back');
    expect(create.NetworkingConfig).toEqual({ EndpointsConfig: { 'shared-back': { Aliases: ['app'] } } });
    expect(connect).toEqual([{ network: 'spec-demo_front', endpoint: { Aliases: ['app', 'www'] } }]);
    expect(create.Labels).toEqual({
      team: 'web',
      'com.docker.compose.project': 'spec-demo',
      'com.docker.compose.service': 'app',
      'com.docker.compose.container-number': '1',
      'com.docker.compose.config-hash': app === undefined ? '' : configHash(app),
      'com.docker.compose.oneoff': 'False',
      'com.docker.compose.version': '2.20.0',
      'com.docker.compose.project.working_dir': dir,
      'com.docker.compose.project.config_files': file,
      'com.docker.compose.depends_on': 'db:service_healthy:false',
    });
  });

  it('shares a network stack by naming the other service’s container', async () => {
    const { create, connect } = planOf(await model(), 'sidecar');
    expect(create.HostConfig?.NetworkMode).toBe('container:spec-demo-app-1');
    expect(create.NetworkingConfig).toBeUndefined();
    expect(connect).toEqual([]);
  });

  it('refuses a service it cannot run, saying why', async () => {
    const loaded = await model();
    const app = loaded.services['app'];
    if (app === undefined) throw new Error('no app');
    const built = {
      ...app,
      image: null,
      build: { context: '/src', dockerfile: 'Dockerfile', args: {}, target: null },
    };
    expect(() =>
      containerPlan(loaded, { name: loaded.name, workingDir: dir, configFiles: [file] }, built, 'sha256:x'),
    ).toThrow(/has no image/);
  });
});

describe('splitting a command string like Compose', () => {
  it.each([
    ['echo hi  there', ['echo', 'hi', 'there']],
    [`sh -c 'echo "a b"; exit 3'`, ['sh', '-c', 'echo "a b"; exit 3']],
    ['say "it\\"s" \\$HOME', ['say', 'it"s', '$HOME']],
    ["empty '' arg", ['empty', '', 'arg']],
    ['  ', []],
  ])('%s', (text, words) => {
    expect(shellWords(text)).toEqual(words);
  });

  it('refuses an unterminated quote', () => {
    expect(() => shellWords('echo "oops')).toThrow(/unterminated/);
  });
});
