/**
 * `npm run bench:stack`: how long a cold `parity up` to all-healthy takes against what teams script today,
 * on the lab engine, same stack, alternating runs.
 *
 * - `parity up`: the built CLI (`node bin/parity.js up --json`), as a user runs it.
 * - `docker-compose up -d` + `docker inspect` every 0.5 s until every container is healthy (compose v2's own
 *   --wait interval): Debian's docker-compose (compose v1.29) and the docker CLI of the docker.io package.
 * - the bash script without a compose CLI: `docker run -d` level by level, polling each level's health
 *   every 0.5 s (the variant the first figures used).
 *
 * Also reported: the critical-path bound. Along the longest dependency chain, each service's own time from
 * its start (State.StartedAt) to the End of its first passing probe (State.Health.Log), summed: the fastest
 * any orchestrator could be with these healthchecks. A HealthWitness reads it beside every run of every
 * tool, so each run is compared with its own bound under the same load of this shared machine.
 *
 * Not part of `npm test`: it reads the lab, leaves nothing behind (every run is torn down) and writes
 * test/bench/results/stack.{json,md}. BENCH_RUNS (default 5) sets the runs per tool; BENCH_WIDE=0 skips
 * the 20-service tree.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ComposeModel } from '../../electron/core/compose/model';
import { DockerEngine } from '../../electron/core/engine/docker-engine';
import { socketPathOf } from '../../electron/core/engine/engine-endpoint';
import { dependencyEdges } from '../../electron/core/stack/dependency-graph';
import { downStack } from '../../electron/core/stack/stack-down';
import type { UpResult } from '../../electron/core/stack/stack-events';
import { COMPOSE_V1, composeV1File } from '../fixtures/stacks/compose-v1';
import { labWorkspaceCopy, type StackWorkspace } from '../fixtures/stacks/stack-workspace';
import { loadLab } from '../lab/lab-config';
import { bashScriptFor } from './bash-baseline';
import { composeScriptFor, INSPECT_POLL_SECONDS } from './compose-baseline';
import { HealthWitness } from './health-witness';
import { wideTreeWorkspace } from './wide-tree';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const here = dirname(fileURLToPath(import.meta.url));
const resultsDir = join(here, 'results');
const parityCli = join(here, '../../bin/parity.js');

const lab = loadLab();
const engine = await DockerEngine.connect(socketPathOf(lab.engine.socket));
// The docker CLI of Debian's docker.io package first, whatever else is on PATH.
const env = { ...process.env, DOCKER_HOST: lab.engine.socket, PATH: `/usr/bin:${process.env['PATH'] ?? ''}` };

interface Sample {
  run: number;
  ms: number;
  /** This run's critical-path bound (see the header). */
  boundMs: number;
}

interface Tool {
  name: string;
  /** Milliseconds from the command to every service healthy. */
  time: (workspace: StackWorkspace, model: ComposeModel) => Promise<number>;
}

interface StackFigures {
  stack: string;
  services: number;
  samples: Record<string, Sample[]>;
}

/** Runs a program to the end; its stdout, or an error carrying its stderr. */
function runToEnd(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('exit', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`${command} exited ${code}: ${stderr.slice(-2000)}`)),
    );
  });
}

/** Each service's own time, summed along the longest dependency chain. */
function criticalPathBound(own: ReadonlyMap<string, number>, model: ComposeModel): number {
  for (const service of Object.keys(model.services))
    if (!own.has(service)) throw new Error(`${service}: its first healthy probe was not seen`);
  const edges = dependencyEdges(model);
  const memo = new Map<string, number>();
  const longest = (service: string): number => {
    const known = memo.get(service);
    if (known !== undefined) return known;
    const before = edges.filter((edge) => edge.service === service).map((edge) => longest(edge.dependency));
    const total = (own.get(service) ?? 0) + Math.max(0, ...before);
    memo.set(service, total);
    return total;
  };
  return Math.max(...Object.keys(model.services).map(longest));
}

const tools: Tool[] = [
  {
    name: 'parity up',
    time: async (workspace) => {
      const began = performance.now();
      const stdout = await runToEnd(
        process.execPath,
        [parityCli, 'up', '--workspace', workspace.dir, '--json'],
        workspace.dir,
      );
      const ms = performance.now() - began;
      const result = JSON.parse(stdout) as UpResult;
      if (result.outcome !== 'ready') throw new Error(`parity up: ${result.outcome}`);
      return ms;
    },
  },
  {
    name: `docker-compose up -d + inspect poll ${INSPECT_POLL_SECONDS}s`,
    time: async (workspace) => {
      const script = composeScriptFor(COMPOSE_V1, workspace.project, composeV1File(workspace.file));
      const began = performance.now();
      await runToEnd('bash', ['-c', script], workspace.dir);
      return performance.now() - began;
    },
  },
  {
    name: `bash docker run + inspect poll ${INSPECT_POLL_SECONDS}s`,
    time: async (workspace, model) => {
      const script = bashScriptFor(model, workspace.dir, INSPECT_POLL_SECONDS);
      const began = performance.now();
      await runToEnd('bash', ['-c', script], workspace.dir);
      return performance.now() - began;
    },
  },
];

/**
 * Every tool once per run, on a fresh project each time (a fresh volume: the database initialises), the
 * order rotated run by run so no tool always goes first after a teardown.
 */
async function measure(label: string, prepare: (project: string) => StackWorkspace): Promise<StackFigures> {
  const figures: StackFigures = { stack: label, services: 0, samples: {} };
  for (let run = 0; run < RUNS; run++) {
    const order = tools.map((_, i) => tools[(i + run) % tools.length] as Tool);
    for (const tool of order) {
      const project = `parity-bench-${process.pid}-${run}-${tool.name.replace(/[^a-z0-9]/g, '').slice(0, 12)}`;
      const workspace = prepare(project);
      try {
        const model = await workspace.load();
        figures.services = Object.keys(model.services).length;
        const witness = await HealthWitness.watch(engine, project);
        const ms = await tool.time(workspace, model);
        const sample: Sample = {
          run: run + 1,
          ms,
          boundMs: criticalPathBound(await witness.ownTimes(), model),
        };
        (figures.samples[tool.name] ??= []).push(sample);
        process.stderr.write(
          `${label} run ${run + 1}/${RUNS} ${tool.name}: ${(sample.ms / 1000).toFixed(2)}s (bound ${(sample.boundMs / 1000).toFixed(2)}s)\n`,
        );
      } finally {
        await downStack(engine, project, { volumes: true });
        workspace.remove();
      }
    }
  }
  return figures;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function table(all: readonly StackFigures[], load: { before: number[]; after: number[] }): string {
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  const rows = [
    '| stack | services | tool | median up → all healthy | tool / Parity | median critical-path bound | tool / bound (median of runs) |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const figures of all) {
    const parity = median((figures.samples['parity up'] ?? []).map((s) => s.ms));
    for (const [tool, samples] of Object.entries(figures.samples)) {
      const ms = median(samples.map((s) => s.ms));
      const bound = median(samples.map((s) => s.boundMs));
      const ratio = median(samples.map((s) => s.ms / s.boundMs));
      rows.push(
        `| ${figures.stack} | ${figures.services} | ${tool} | ${seconds(ms)} | ${(ms / parity).toFixed(2)}× | ${seconds(bound)} | ${ratio.toFixed(2)}× |`,
      );
    }
  }
  const avg = (l: number[]): string => l.map((v) => v.toFixed(2)).join(' / ');
  return (
    `${rows.join('\n')}\n\n` +
    `Medians of ${RUNS} cold runs per tool, the tools alternating run by run, on the lab engine ` +
    `(Docker ${engine.info.version}, API ${engine.info.apiVersion}); images already on the engine. ` +
    `Each run's critical-path bound is read beside it from the engine's health log. ` +
    `Load average (1/5/15 min) on this shared 2-core machine: ${avg(load.before)} before, ${avg(load.after)} after.\n`
  );
}

/** Written after every stack, so a later failure keeps what was measured. */
function writeResults(all: readonly StackFigures[], load: { before: number[]; after: number[] }): string {
  mkdirSync(resultsDir, { recursive: true });
  const markdown = table(all, load);
  writeFileSync(
    join(resultsDir, 'stack.json'),
    `${JSON.stringify({ measuredAt: new Date().toISOString(), engine: engine.info, runs: RUNS, loadAverage: load, stacks: all }, null, 2)}\n`,
  );
  writeFileSync(join(resultsDir, 'stack.md'), markdown);
  return markdown;
}

const before = loadavg();
const all: StackFigures[] = [
  await measure('lab (db → app)', (project) => labWorkspaceCopy(lab.workspace, project)),
];
writeResults(all, { before, after: loadavg() });
if (process.env['BENCH_WIDE'] !== '0') {
  all.push(await measure('tree of 20', (project) => wideTreeWorkspace(project, lab.images.app['1.0.0'])));
}
process.stdout.write(writeResults(all, { before, after: loadavg() }));
