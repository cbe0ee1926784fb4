import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractError } from '../../electron/core/contract/contract-error';
import { findContract, loadContract, parseContract } from '../../electron/core/contract/load-contract';
import { ParityError } from '../../electron/core/parity-error';

const GOOD = fileURLToPath(new URL('../fixtures/contracts/good', import.meta.url));
const APP_DIGEST = 'sha256:021f171680d7c0a286fc34e70d5a3cba7e246da1dd96178eebea7373731da233';

describe('loading good contracts', () => {
  it('loads the full contract from DESIGN.md as written', async () => {
    const loaded = await loadContract(join(GOOD, 'full.yml'));
    expect(loaded.path).toBe(join(GOOD, 'full.yml'));
    expect(loaded.dir).toBe(GOOD);
    expect(loaded.source).toBe(await readFile(join(GOOD, 'full.yml'), 'utf8'));
    expect(loaded.contract).toEqual({
      version: 1,
      name: 'acme-web',
      compose: 'docker-compose.yml',
      images: {
        app: `registry.acme.dev/app@${APP_DIGEST}`,
        db: 'postgres:16-alpine@sha256:67bff90b957f9dd5b5d4f9a6185cbf4bacd591d1b677034083d2eba3fa8ae2e7',
      },
      platforms: ['linux/amd64', 'linux/arm64'],
      env: { required: ['DATABASE_URL', 'REDIS_URL'], template: '.env.example' },
      seed: {
        service: 'db',
        command: ['sh', '-c', 'psql -U postgres -f /seed/seed.sql'],
        env: { SEED_RANDOM: '42' },
        dump: ['pg_dump', '-U', 'postgres', '--no-owner', '--no-privileges', 'app_db'],
        checksum: 'sha256:9fc574ebcae181e4fa985dd5e2ca48a2c7668dcf9177f130c409858dfef98510',
      },
      health: { app: { url: 'http://localhost:3000/health', ignore: ['$.uptime', '$.time'] } },
      staging: {
        ssh: 'deploy@staging.acme.dev:22',
        hostKey: 'SHA256:0lrzN1cDjPXxcA6BFV3BavuiZSsPq35fm+j8NA1uItI',
        engine: 'docker',
        project: 'acme-web',
      },
      threshold: 0.95,
    });
  });

  it('applies the defaults for compose, platforms and threshold', async () => {
    const { contract } = await loadContract(join(GOOD, 'minimal.yml'));
    expect(contract.compose).toBe('docker-compose.yml');
    expect(contract.platforms).toEqual(['linux/amd64']);
    expect(contract.threshold).toBe(0.98);
    expect(contract.staging.hostKey).toBeUndefined();
  });

  it('expands anchors, aliases and merge keys, explicit keys winning over merged ones', async () => {
    const { contract } = await loadContract(join(GOOD, 'anchors.yml'));
    expect(contract.images).toEqual({
      api: 'localhost:5000/acme/api:2024.06',
      worker: 'localhost:5000/acme/api:2024.06',
    });
    expect(contract.seed.command).toBe('psql -U postgres -f /seed/seed.sql');
    expect(contract.health).toEqual({
      api: { url: 'http://localhost:8080/health', ignore: ['$.uptime', '$.checks[*].latency'] },
      worker: { url: 'http://localhost:8081/health', ignore: ['$.uptime', '$.checks[*].latency'] },
    });
  });

  it('accepts a file that starts with a UTF-8 byte order mark, and drops the mark', async () => {
    const bytes = await readFile(join(GOOD, 'bom.yml'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const loaded = await loadContract(join(GOOD, 'bom.yml'));
    expect(loaded.contract.name).toBe('shop-bom');
    expect(loaded.source.startsWith('#')).toBe(true);
  });
});

describe('locating problems', () => {
  const withProbe = (ignore: string): string =>
    [
      'version: 1',
      'name: shop',
      'images: { web: "nginx:1.27" }',
      'env: { required: [] }',
      'seed: { service: web, command: "true", dump: [cat, /data.json] }',
      'health:',
      '  api: &probe',
      '    url: "http://localhost:8080/health"',
      `    ignore: [${ignore}]`,
      '  worker:',
      '    <<: *probe',
      '    url: "http://localhost:8081/health"',
      'staging: { ssh: box, engine: docker, project: shop }',
      '',
    ].join('\n');

  it('points a problem in a merged value at the anchored mapping, where it has to be fixed', () => {
    const error = rejectionOf(() => parseContract(withProbe('"$.ok", uptime'), 'parity.yml'));
    expect(error.problems.map((p) => [p.keyPath, p.line, p.column])).toEqual([
      ['health.api.ignore[1]', 9, 22],
      ['health.worker.ignore[1]', 9, 22],
    ]);
    expect(error.problems[0]!.message).toMatch(/^expected a JSONPath .*, got text "uptime"$/);
  });

  it('points an empty value at its key', () => {
    const error = rejectionOf(() => parseContract(`${withProbe('"$.ok"')}threshold:\n`, 'parity.yml'));
    expect(error.problems).toEqual([
      {
        file: 'parity.yml',
        line: 14,
        column: 1,
        keyPath: 'threshold',
        message: 'expected a number from 0 to 1, got an empty value',
      },
    ]);
  });

  it('reports what is wrong inside a list rather than that it is not text', () => {
    const error = rejectionOf(() =>
      parseContract(withProbe('"$.ok"').replace('command: "true"', 'command: [sh, 3]'), 'parity.yml'),
    );
    expect(error.problems.map((p) => `${p.line}:${p.column} ${p.keyPath}: ${p.message}`)).toEqual([
      '5:37 seed.command[1]: expected text, got the number 3 — put it in quotes: "3"',
    ]);
  });

  it('tells a quoted version to drop the quotes', () => {
    const error = rejectionOf(() =>
      parseContract(withProbe('"$.ok"').replace('version: 1', 'version: "1"'), 'x.yml'),
    );
    expect(error.problems[0]!.message).toBe('expected 1, got text "1" — write it without quotes');
  });
});

describe('files that are not there', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parity-contract-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('says there is no parity.yml, and what to do', async () => {
    const error = await parityErrorOf(loadContract(join(dir, 'parity.yml')));
    expect(error).not.toBeInstanceOf(ContractError);
    expect(error.code).toBe('workspace-missing');
    expect(error.message).toBe(`There is no parity.yml at ${join(dir, 'parity.yml')}.`);
    expect(error.hint).toMatch(/folder that holds parity.yml/);
  });

  it('says so when the path is a folder', async () => {
    const error = await parityErrorOf(loadContract(dir));
    expect(error.code).toBe('workspace-missing');
    expect(error.message).toBe(`${dir} is a folder, not a parity.yml file.`);
  });

  it('refuses a file far larger than any contract without parsing it', async () => {
    const file = join(dir, 'huge.yml');
    await writeFile(file, `name: ${'x'.repeat(1024 * 1024)}\n`);
    const error = await parityErrorOf(loadContract(file));
    expect(error).toBeInstanceOf(ContractError);
    expect(error instanceof ContractError && error.problems).toEqual([
      {
        file,
        line: 1,
        column: 1,
        keyPath: '',
        message: expect.stringMatching(/^the file is 1\.0 MiB; a contract is/),
      },
    ]);
  });
});

describe('finding parity.yml', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'parity-find-'));
    await mkdir(join(root, 'services', 'api', 'parity.yml'), { recursive: true });
    await writeFile(join(root, 'parity.yml'), 'version: 1\n');
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('finds the nearest parity.yml upward, passing over folders that merely bear the name', async () => {
    expect(await findContract(join(root, 'services', 'api'))).toBe(join(root, 'parity.yml'));
    expect(await findContract(root)).toBe(join(root, 'parity.yml'));
  });
});

function rejectionOf(run: () => unknown): ContractError {
  try {
    run();
  } catch (error) {
    if (error instanceof ContractError) return error;
    throw error;
  }
  throw new Error('expected a ContractError, but the contract was accepted');
}

async function parityErrorOf(promise: Promise<unknown>): Promise<ParityError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof ParityError) return error;
  throw new Error(`expected a ParityError, got ${String(error)}`);
}
