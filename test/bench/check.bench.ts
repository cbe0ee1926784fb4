/**
 * `npm run bench:check`: how long `parity check --staging` takes on the lab against the bash that published
 * runtime-parity guides script (see inspect-diff-baseline.ts): per service `docker inspect` here and over
 * ssh there, `jq -S`, diff, and each side's /health through `jq -S`. Twice: one ssh per command as the
 * guides write it, and with ssh multiplexing (ControlMaster) to be fair to the script.
 *
 * The local side is a real stack started by `parity up` from a copy of the lab workspace (own project, own
 * ports); staging is the lab's staging stack over the lab's sshd. Every tool runs once per round, the order
 * rotated round by round. Not part of `npm test`; writes test/bench/results/check.{json,md}. BENCH_RUNS
 * (default 5) sets the rounds.
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

const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
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

const project = `parity-bench-check-${process.pid}`;
const workspace = join(scratch, 'workspace');
await prepareLocalWorkspace(lab, workspace, project);
const up = spawnSync(process.execPath, [parityCli, 'up', '--workspace', workspace, '--quiet'], {
  env,
  encoding: 'utf8',
});
if (up.status !== 0) throw new Error(`parity up failed (${up.status}): ${up.stderr}`);

const ssh = lab.staging.ssh;
const login: StagingLogin = {
  host: ssh.host,
  port: ssh.port,
  user: ssh.user,
  identityFile: ssh.identityFile,
  knownHostsFile: ssh.knownHostsFile ?? '',
};
const healthUrl = /url: '([^']*)'/.exec(readFileSync(join(workspace, 'parity.yml'), 'utf8'))?.[1] ?? '';
const target: InspectDiffTarget = {
  local: { db: `${project}-db-1`, app: `${project}-app-1` },
  staging: lab.staging.containers ?? { db: 'parity-lab-db-1', app: 'parity-lab-app-1' },
  localHealth: { app: healthUrl },
  stagingHealth: { app: 'http://127.0.0.1:8080/health' },
};
const report = join(scratch, 'drift.json');

const tools: Tool[] = [
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
          workspace,
          '--identity',
          ssh.identityFile,
          '--report',
          report,
        ],
        [0, 1],
      );
      const parsed = JSON.parse(readFileSync(report, 'utf8')) as { findings?: unknown[] };
      if (!Array.isArray(parsed.findings)) throw new Error('parity check wrote no findings');
    },
  },
  {
    name: 'bash inspect+jq+diff, ssh per command',
    run: async () => void (await runToEnd('bash', ['-c', inspectDiffScript(login, target, false)])),
  },
  {
    name: 'bash inspect+jq+diff, ssh ControlMaster',
    run: async () => void (await runToEnd('bash', ['-c', inspectDiffScript(login, target, true)])),
  },
];

const samples: Record<string, number[]> = {};
const before = loadavg();
try {
  for (let round = 0; round < RUNS; round++) {
    for (let i = 0; i < tools.length; i++) {
      const tool = tools[(i + round) % tools.length] as Tool;
      const began = performance.now();
      await tool.run();
      const ms = performance.now() - began;
      (samples[tool.name] ??= []).push(ms);
      process.stderr.write(`round ${round + 1}/${RUNS} ${tool.name}: ${(ms / 1000).toFixed(2)}s\n`);
    }
  }
} finally {
  spawnSync(process.execPath, [parityCli, 'down', '--volumes', '--workspace', workspace, '--quiet'], { env });
  rmSync(scratch, { recursive: true, force: true });
}
const after = loadavg();

const parityMs = median(samples['parity check --staging'] ?? []);
const rows = ['| stack | tool | median | tool / Parity |', '|---|---|---|---|'];
for (const [tool, values] of Object.entries(samples)) {
  const ms = median(values);
  rows.push(`| lab (db, app) | ${tool} | ${(ms / 1000).toFixed(2)} s | ${(ms / parityMs).toFixed(2)}× |`);
}
const avg = (l: number[]): string => l.map((v) => v.toFixed(2)).join(' / ');
const markdown =
  `${rows.join('\n')}\n\n` +
  `Medians of ${RUNS} runs per tool, alternating round by round, local stack on the lab engine and staging ` +
  `over the lab's sshd (127.0.0.1:${ssh.port}). Parity's figure is the whole CLI process (Node start, ` +
  `contract, local evidence, one SSH connection, report); it collects more than the script does (env hashes, ` +
  `runtimes, schema, seed, scoring). Load average (1/5/15 min) on this shared 2-core machine: ` +
  `${avg(before)} before, ${avg(after)} after.\n`;
mkdirSync(resultsDir, { recursive: true });
writeFileSync(
  join(resultsDir, 'check.json'),
  `${JSON.stringify({ measuredAt: new Date().toISOString(), runs: RUNS, loadAverage: { before, after }, stacks: [{ stack: 'lab (db, app)', services: 2, samplesMs: samples, mediansMs: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])) }] }, null, 2)}\n`,
);
writeFileSync(join(resultsDir, 'check.md'), markdown);
process.stdout.write(markdown);
