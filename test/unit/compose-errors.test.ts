import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ComposeError, formatProblem, type ComposeProblem } from '../../electron/core/compose/compose-error';
import { loadCompose } from '../../electron/core/compose/load-compose';
import { tempProject, type TempProject } from '../fixtures/compose/temp-project';

interface Expected {
  file: string;
  line: number;
  column: number;
  keyPath: string;
  message: string;
}

const badDir = fileURLToPath(new URL('../fixtures/compose/bad/', import.meta.url));
const corpus = JSON.parse(readFileSync(`${badDir}expected.json`, 'utf8')) as Expected[];

async function problemsOf(
  file: string,
  env: Record<string, string> = {},
): Promise<readonly ComposeProblem[]> {
  const error = await loadCompose({ file, env }).catch((caught: unknown) => caught);
  if (!(error instanceof ComposeError))
    throw new Error(`expected a ComposeError from ${file}, got ${String(error)}`);
  return error.problems;
}

describe('the bad corpus: each file fails at the line and key it should', () => {
  it.each(corpus)('$file → $line:$column $keyPath', async (expected) => {
    const problems = await problemsOf(`${badDir}${expected.file}`);
    expect(problems).toHaveLength(1);
    const [problem] = problems;
    expect(problem).toMatchObject({
      file: `${badDir}${expected.file}`,
      line: expected.line,
      column: expected.column,
      keyPath: expected.keyPath,
    });
    expect(problem?.message).toContain(expected.message);
  });

  it('prints problems as file:line:column  key.path: message', async () => {
    const error = await loadCompose({ file: `${badDir}required-variable.yml`, env: {} }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ComposeError);
    expect((error as ComposeError).message).toBe(
      'The compose file has a problem:\n' +
        'required-variable.yml:5:26  services.db.environment.POSTGRES_PASSWORD: ' +
        'required variable DB_PASSWORD is missing a value: set it',
    );
    expect((error as ComposeError).code).toBe('invalid-request');
  });

  it('accepts the required variable once the environment sets it', async () => {
    const { model } = await loadCompose({
      file: `${badDir}required-variable.yml`,
      env: { DB_PASSWORD: 'x' },
    });
    expect(model.services.db?.environment).toEqual({ POSTGRES_PASSWORD: 'x' });
  });
});

describe('schema and meaning problems, in plain words', () => {
  let project: TempProject | undefined;
  afterEach(() => project?.remove());

  async function problems(compose: string, files: Record<string, string> = {}): Promise<string[]> {
    project = tempProject({ 'docker-compose.yml': compose, ...files });
    return (await problemsOf(project.file)).map(formatProblem);
  }

  it('names the branch of a oneOf that was meant', async () => {
    expect(
      await problems(
        [
          'services:',
          '  app:',
          '    image: app:1',
          '    command: 5',
          '    ports: ["8080:80/icmp"]',
          '    depends_on:',
          '      db:',
          '        condition: service_ready',
          '    healthcheck:',
          '      retries: many',
          '  db:',
          '    image: db:1',
          '    imagee: typo',
        ].join('\n'),
      ),
    ).toEqual([
      'docker-compose.yml:4:14  services.app.command: must be text or a list, not the number 5',
      'docker-compose.yml:5:13  services.app.ports[0]: "icmp" is not a protocol: use tcp, udp, sctp',
      'docker-compose.yml:8:20  services.app.depends_on.db.condition: must be one of service_started, service_healthy, service_completed_successfully, not "service_ready"',
      'docker-compose.yml:10:16  services.app.healthcheck.retries: must be a number, not text ("many")',
      'docker-compose.yml:13:5  services.db.imagee: unknown service option `imagee` (did you mean `image`?); Compose refuses it (extensions must start with x-)',
    ]);
  });

  it('reports every meaning-level problem of one pass together', async () => {
    expect(
      await problems(
        [
          'services:',
          '  app:',
          '    image: app:1',
          '    ports: [70000]',
          '    volumes: [undeclared:/data, "./x:relative"]',
          '    networks: [backend]',
          '    restart: sometimes',
          '    deploy: { resources: { limits: { cpus: lots, memory: huge } } }',
          '    healthcheck: { test: [pg_isready] }',
          '    depends_on: [app]',
        ].join('\n'),
      ),
    ).toEqual([
      'docker-compose.yml:4:13  services.app.ports[0]: 70000: a port is a whole number from 1 to 65535',
      'docker-compose.yml:5:15  services.app.volumes[0]: uses the volume `undeclared`, which is not declared under the top-level `volumes:`',
      'docker-compose.yml:5:33  services.app.volumes[1]: "relative" must be an absolute path inside the container',
      'docker-compose.yml:6:16  services.app.networks[0]: joins the network `backend`, which is not declared under the top-level `networks:`',
      'docker-compose.yml:7:14  services.app.restart: must be no, always, on-failure[:N] or unless-stopped, not "sometimes"',
      'docker-compose.yml:8:44  services.app.deploy.resources.limits.cpus: "lots" is not a number of CPUs (like 0.5 or 2)',
      'docker-compose.yml:8:58  services.app.deploy.resources.limits.memory: "huge" is not a size (like 512m or 1g)',
      'docker-compose.yml:9:20  services.app.healthcheck.test: a test list starts with CMD, CMD-SHELL or NONE, not "pg_isready" (for a shell command write a string)',
      'docker-compose.yml:10:18  services.app.depends_on[0]: depends_on cycle: app → app; Compose cannot start services that wait on each other',
    ]);
  });

  it('reports a malformed env_file and .env in their own files', async () => {
    expect(
      await problems('services:\n  app:\n    image: app:1\n    env_file: app.env\n', {
        'app.env': 'OK=1\nBROKEN="open\n',
      }),
    ).toEqual(['app.env:2:8  the double quote opened for BROKEN is never closed']);
    project?.remove();
    project = tempProject({ 'docker-compose.yml': 'services: {}\n', '.env': 'A=1\n2B=x\n' });
    const [problem] = await problemsOf(project.file);
    expect(formatProblem(problem ?? { file: '', line: null, column: null, keyPath: '', message: '' })).toBe(
      '.env:2:1  expected a variable name, found "2"',
    );
  });

  it('refuses YAML that is empty, not a map, duplicated or aliased badly', async () => {
    expect(await problems('# nothing here\n')).toEqual([
      'docker-compose.yml  the file is empty: a compose file needs at least `services:`',
    ]);
    expect(await problems('- a\n- b\n')).toEqual(['docker-compose.yml:1:1  must be a map, not a list']);
    expect(await problems('services:\n  app: {image: a}\n  app: {image: b}\n')).toEqual([
      'docker-compose.yml:3:3  services.app: this key appears twice in the same map',
    ]);
    expect(await problems('services:\n  app:\n    <<: *missing\n')).toEqual([
      expect.stringMatching(/^docker-compose\.yml:3:9 {2}services\.app: .*anchor/),
    ]);
  });

  it('refuses an alias bomb without expanding it', async () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) {
      const previous = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(',')}]`);
    }
    expect(await problems(`${levels.join('\n')}\nservices: {}\n`)).toEqual([
      'docker-compose.yml:2:8  the file expands its aliases too many times to be read safely',
    ]);
  });

  it('names a dependency on a service whose profile is off, unless it is optional', async () => {
    const compose = [
      'services:',
      '  app:',
      '    image: app:1',
      '    depends_on:',
      '      tools: { condition: service_started, required: false }',
      '  tools:',
      '    image: busybox',
      '    profiles: [debug]',
    ].join('\n');
    project = tempProject({ 'docker-compose.yml': compose });
    const { model, warnings } = await loadCompose({ file: project.file, env: {} });
    expect(model.services.app?.dependsOn).toEqual({});
    expect(warnings).toEqual([
      {
        path: 'services.app.depends_on.tools',
        message: '`tools` is disabled by its profiles (debug); the dependency is optional, so it is left out',
      },
    ]);
  });
});
