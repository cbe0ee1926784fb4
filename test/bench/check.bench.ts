/**
 * `npm run bench:check`: how long `parity check --staging` takes on the lab against the bash that published
 * runtime-parity guides script (see inspect-diff-baseline.ts): per service `docker inspect` here and over
 * ssh there, `jq -S`, diff, and each side's /health through `jq -S`. Twice: one ssh per command as the
 * guides write it, and with ssh multiplexing (ControlMaster) to be fair to the script.
 *
 * The local side is a real stack started by `parity up` from a copy of the lab workspace (own project, own
 * ports); staging is the lab's staging stack over the lab's sshd. Then the same on a synthetic 20-service
 * stack (synthetic-stack.ts: the lab's db and 19 copies of its app, each with a health probe), started
 * by `parity up` on both lab engines under this run's own project names and removed at the end. Every
 * tool runs once per round, the order rotated round by round, and the 1-minute load average is recorded
 * at each round. Not part of `npm test`; writes test/bench/results/check.{json,md}. BENCH_RUNS (default 5)
 * sets the rounds, BENCH_SERVICES (default 20) the synthetic stack's size.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareLocalWorkspace } from '../fixtures/snapshots/local-workspace';
import { loadLab } from '../lab/lab-config';
import { inspectDiffScript, type InspectDiffTarget, type StagingLogin } from './inspect-diff-baseline';
import { median } from './median';
import { relaxHealthchecks, writeSyntheticStack } from './synthetic-stack';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const SERVICES = Number(process.env['BENCH_SERVICES'] ?? 20);
/** `lab`, `synthetic` or both (the default), comma-separated. */
const STACKS = (process.env['BENCH_STACKS'] ?? 'lab,synthetic').split(',');
const here = dirname(fileURLToPath(import.meta.url));
const resultsDir = join(here, 'results');
const parityCli = join(here, '../../bin/parity.js');

const lab = loadLab();
const scratch = mkdtempSync(join(tmpdir(), 'parity-bench-check-'));
const home = join(scratch, 'home');
mkdirSync(home);
const env = {
  ...process.env,
  HOME: home,
  DOCKER_HOST: lab.engine.socket,
  PARITY_DATA_DIR: join(scratch, 'data'),
  SSH_AUTH_SOCK: '',
  PATH: `/usr/bin:${process.env['PATH'] ?? ''}`,
};

/** Runs a program to the end; its exit code and stdout, or an error when the code is not an accepted one. */
function runToEnd(command: string, args: string[], accept: readonly number[] = [0]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('exit', (code) =>
      code !== null && accept.includes(code)
        ? resolve(stdout)
        : reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`)),
    );
  });
}

interface Tool {
  name: string;
  run: () => Promise<void>;
}

interface Scenario {
  stack: string;
  services: number;
  workspace: string;
  target: InspectDiffTarget;
}

interface ScenarioResult {
  stack: string;
  services: number;
  samplesMs: Record<string, number[]>;
  mediansMs: Record<string, number>;
  /** 1-minute load average when each round began. */
  loadPerRound: number[];
}

/** `parity up|down` for a workspace on an engine; up must succeed, down is best effort. */
function parity(command: 'up' | 'down', workspace: string, engineSocket: string): void {
  const args = command === 'up' ? ['up', '--timeout', '600'] : ['down', '--volumes'];
  const result = spawnSync(process.execPath, [parityCli, ...args, '--workspace', workspace, '--quiet'], {
    env: { ...env, DOCKER_HOST: engineSocket },
    encoding: 'utf8',
  });
  if (command === 'up' && result.status !== 0)
    throw new Error(`parity up ${workspace} failed (${result.status}): ${result.stderr}${result.stdout}`);
}

const ssh = lab.staging.ssh;
const login: StagingLogin = {
  host: ssh.host,
  port: ssh.port,
  user: ssh.user,
  identityFile: ssh.identityFile,
  knownHostsFile: ssh.knownHostsFile ?? '',
};
const report = join(scratch, 'drift.json');

function toolsFor(scenario: Scenario): Tool[] {
  return [
    {
      name: 'parity check --staging',
      run: async () => {
        // Exit 1 is a verdict (drift found), not a failure of the tool.
        await runToEnd(
          process.execPath,
          [
            parityCli,
            'check',
            '--staging',
            '--workspace',
            scenario.workspace,
            '--identity',
            ssh.identityFile,
            '--report',
            report,
            // The 20-service staging at load average 100 took over the default 120 s to collect.
            '--timeout',
            '600',
          ],
          [0, 1],
        );
        const parsed = JSON.parse(readFileSync(report, 'utf8')) as { findings?: unknown[] };
        if (!Array.isArray(parsed.findings)) throw new Error('parity check wrote no findings');
      },
    },
    {
      name: 'bash inspect+jq+diff, ssh per command',
      run: async () =>
        void (await runToEnd('bash', ['-c', inspectDiffScript(login, scenario.target, false)])),
    },
    {
      name: 'bash inspect+jq+diff, ssh ControlMaster',
      run: async () => void (await runToEnd('bash', ['-c', inspectDiffScript(login, scenario.target, true)])),
    },
  ];
}

async function measure(scenario: Scenario): Promise<ScenarioResult> {
  const tools = toolsFor(scenario);
  const samples: Record<string, number[]> = {};
  const loadPerRound: number[] = [];
  const current = (): ScenarioResult => ({
    stack: scenario.stack,
    services: scenario.services,
    samplesMs: samples,
    mediansMs: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])),
    loadPerRound,
  });
  for (let round = 0; round < RUNS; round++) {
    loadPerRound.push(loadavg()[0] ?? 0);
    for (let i = 0; i < tools.length; i++) {
      const tool = tools[(i + round) % tools.length] as Tool;
      const began = performance.now();
      await tool.run();
      const ms = performance.now() - began;
      (samples[tool.name] ??= []).push(ms);
      process.stderr.write(
        `${scenario.stack} round ${round + 1}/${RUNS} (load ${loadPerRound.at(-1)?.toFixed(1)}) ${tool.name}: ${(ms / 1000).toFixed(2)}s\n`,
      );
    }
    writeResults([...results, current()], loadavg());
  }
  return current();
}

const before = loadavg();

/** Writes check.{json,md} from the results so far: after every round, so an interrupted run keeps its figures. */
function writeResults(results: readonly ScenarioResult[], after: number[]): string {
  const rows = [
    '| stack | tool | median | tool / Parity | 1-min load at each round |',
    '|---|---|---|---|---|',
  ];
  for (const result of results) {
    const parityMs = result.mediansMs['parity check --staging'] ?? 0;
    const load = result.loadPerRound.map((v) => v.toFixed(1)).join(', ');
    for (const [tool, ms] of Object.entries(result.mediansMs)) {
      rows.push(
        `| ${result.stack} | ${tool} | ${(ms / 1000).toFixed(2)} s | ${(ms / parityMs).toFixed(2)}× | ${load} |`,
      );
    }
  }
  const avg = (l: number[]): string => l.map((v) => v.toFixed(2)).join(' / ');
  const markdown =
    `${rows.join('\n')}\n\n` +
    `Medians per tool over the rounds run (BENCH_RUNS ${RUNS}; one load figure per round), alternating round by ` +
    `round, local stack on the lab engine and staging ` +
    `over the lab's sshd (127.0.0.1:${ssh.port}) to the lab's staging engine. The synthetic stack is the ` +
    `lab's db and ${SERVICES - 1} copies of its app (busybox httpd), each with its own health probe, on both ` +
    `sides under this run's own project names. Parity's figure is the whole CLI process (Node start, ` +
    `contract, local evidence, one SSH connection, report); it collects more than the script does (env hashes, ` +
    `runtimes, schema, seed, scoring). Load average (1/5/15 min) on this shared 2-core machine: ` +
    `${avg(before)} before, ${avg(after)} after.\n`;
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    join(resultsDir, 'check.json'),
    `${JSON.stringify({ measuredAt: new Date().toISOString(), runs: RUNS, loadAverage: { before, after }, stacks: results }, null, 2)}\n`,
  );
  writeFileSync(join(resultsDir, 'check.md'), markdown);
  return markdown;
}

const results: ScenarioResult[] = [];
const labProject = `parity-bench-check-${process.pid}`;
const labWorkspace = join(scratch, 'workspace');
const synthetic = await writeSyntheticStack(
  lab,
  join(scratch, 'synthetic'),
  SERVICES,
  `pbench${process.pid}`,
);
try {
  await prepareLocalWorkspace(lab, labWorkspace, labProject);
  relaxHealthchecks(join(labWorkspace, 'docker-compose.yml'));
  const healthUrl = /url: '([^']*)'/.exec(readFileSync(join(labWorkspace, 'parity.yml'), 'utf8'))?.[1] ?? '';
  if (STACKS.includes('lab')) parity('up', labWorkspace, lab.engine.socket);
  if (STACKS.includes('lab'))
    results.push(
      await measure({
        stack: 'lab (db, app)',
        services: 2,
        workspace: labWorkspace,
        target: {
          local: { db: `${labProject}-db-1`, app: `${labProject}-app-1` },
          staging: lab.staging.containers ?? { db: 'parity-lab-db-1', app: 'parity-lab-app-1' },
          localHealth: { app: healthUrl },
          stagingHealth: { app: 'http://127.0.0.1:8080/health' },
        },
      }),
    );
  parity('down', labWorkspace, lab.engine.socket);
  if (STACKS.includes('synthetic') && SERVICES >= 2) {
    process.stderr.write(`starting the ${SERVICES}-service stack on both engines…\n`);
    parity('up', synthetic.workspace, lab.engine.socket);
    parity('up', synthetic.stagingWorkspace, lab.staging.engine.socket);
    results.push(
      await measure({
        stack: `synthetic (${SERVICES} services)`,
        services: SERVICES,
        workspace: synthetic.workspace,
        target: synthetic.target,
      }),
    );
  }
} finally {
  parity('down', labWorkspace, lab.engine.socket);
  parity('down', synthetic.workspace, lab.engine.socket);
  parity('down', synthetic.stagingWorkspace, lab.staging.engine.socket);
  rmSync(scratch, { recursive: true, force: true });
}
process.stdout.write(writeResults(results, loadavg()));
