/**
 * `npm run bench:stack` (tsx test/bench/stack-up.bench.ts): how long a cold `up` to all-healthy takes with
 * Parity and with what teams script today, on the lab engine, same stack, alternating runs.
 *
 * The comparison is the docker CLI in bash: `docker run -d` per service, then
 * `until [ "$(docker inspect -f '{{.State.Health.Status}}' …)" = healthy ]; do sleep N; done` — with N = 1 s
 * (what such scripts usually say) and N = 0.5 s (Compose v2's own --wait interval). No compose CLI runs
 * here: the lab has neither the compose v2 plugin nor Debian's docker-compose.
 *
 * Also reported: the critical-path bound — along the longest dependency chain, each service's own time
 * from its start to the end of its first passing health probe (from the engine's health log), summed:
 * the fastest any orchestrator could be with these healthchecks.
 *
 * Not part of `npm test`: it only reads the lab and leaves nothing behind (every run is torn down).
 * BENCH_RUNS (default 5) sets the runs per tool; BENCH_WIDE=0 skips the 20-service tree.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DockerEngine } from '../../electron/core/engine/docker-engine';
import { socketPathOf } from '../../electron/core/engine/engine-endpoint';
import type { ComposeModel } from '../../electron/core/compose/model';
import { dependencyEdges, type DependencyEdge } from '../../electron/core/stack/dependency-graph';
import { downStack } from '../../electron/core/stack/stack-down';
import type { UpResult } from '../../electron/core/stack/stack-events';
import { upStack } from '../../electron/core/stack/stack-up';
import { labWorkspaceCopy, type StackWorkspace } from '../fixtures/stacks/stack-workspace';
import { loadLab } from '../lab/lab-config';
import { bashScriptFor } from './bash-baseline';
import { wideTreeWorkspace } from './wide-tree';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const POLLS = [1, 0.5] as const;
const resultsDir = join(dirname(fileURLToPath(import.meta.url)), 'results');

interface Sample {
  ms: number;
  /** From Parity's runs only: it reads each health log at the moment it matters. */
  boundMs: number | null;
}

interface StackFigures {
  stack: string;
  services: number;
  runs: number;
  parity: Sample[];
  bash: Record<string, Sample[]>;
}

const lab = loadLab();
const engine = await DockerEngine.connect(socketPathOf(lab.engine.socket));

/**
 * Own time of each service (its start → the end of its first passing probe, from the health log Parity
 * read the moment the service turned healthy: the engine keeps only five probes, so reading it later
 * would lose the first), summed along the longest dependency chain.
 */
function criticalPathBound(result: UpResult, model: ComposeModel): number {
  const own = new Map<string, number>();
  for (const [service, report] of Object.entries(result.services)) {
    const firstPass = report.timeline.probes.find((probe) => probe.exitCode === 0);
    if (!firstPass || !report.timeline.started)
      throw new Error(`${service}: no passing probe in its timeline`);
    own.set(service, Date.parse(firstPass.end) - Date.parse(report.timeline.started));
  }
  const edges: DependencyEdge[] = dependencyEdges(model);
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

async function timeParity(workspace: StackWorkspace, model: ComposeModel): Promise<Sample> {
  const began = performance.now();
  const result = await upStack(engine, model, { origin: workspace.origin, timeoutMs: 180_000 });
  const ms = performance.now() - began;
  if (result.outcome !== 'ready') throw new Error(`parity up: ${result.message}`);
  return { ms, boundMs: criticalPathBound(result, model) };
}

async function timeBash(model: ComposeModel, workspace: StackWorkspace, poll: number): Promise<Sample> {
  const script = bashScriptFor(model, workspace.dir, poll);
  const began = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('bash', ['-c', script], {
      env: { ...process.env, DOCKER_HOST: lab.engine.socket },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bash baseline: ${stderr}`))));
  });
  const ms = performance.now() - began;
  return { ms, boundMs: null };
}

/** Alternates the tools run by run, each on a fresh project (fresh volume: the database initialises). */
async function measure(label: string, prepare: (project: string) => StackWorkspace): Promise<StackFigures> {
  const figures: StackFigures = { stack: label, services: 0, runs: RUNS, parity: [], bash: {} };
  for (let run = 0; run < RUNS; run++) {
    const tools: [string, (w: StackWorkspace, m: ComposeModel) => Promise<Sample>][] = [
      ['parity', timeParity],
      ...POLLS.map((poll): [string, (w: StackWorkspace, m: ComposeModel) => Promise<Sample>] => [
        `bash, poll ${poll}s`,
        (w, m) => timeBash(m, w, poll),
      ]),
    ];
    for (const [tool, time] of tools) {
      const project = `parity-bench-${process.pid}-${run}-${tool.replace(/[^a-z0-9]/g, '')}`;
      const workspace = prepare(project);
      try {
        const model = await workspace.load();
        figures.services = Object.keys(model.services).length;
        const sample = await time(workspace, model);
        if (tool === 'parity') figures.parity.push(sample);
        else (figures.bash[tool] ??= []).push(sample);
        process.stderr.write(`${label} run ${run + 1}/${RUNS} ${tool}: ${(sample.ms / 1000).toFixed(2)}s\n`);
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

function table(all: readonly StackFigures[]): string {
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  const rows = [
    '| stack | services | tool | median up → all healthy | vs Parity | critical-path bound | tool / bound |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const figures of all) {
    const parity = median(figures.parity.map((s) => s.ms));
    const bound = median(figures.parity.map((s) => s.boundMs ?? 0));
    const line = (tool: string, ms: number): string =>
      `| ${figures.stack} | ${figures.services} | ${tool} | ${seconds(ms)} | ${(ms / parity).toFixed(2)}× | ${seconds(bound)} | ${(ms / bound).toFixed(2)}× |`;
    rows.push(line('Parity', parity));
    for (const [tool, samples] of Object.entries(figures.bash))
      rows.push(line(tool, median(samples.map((s) => s.ms))));
  }
  return `${rows.join('\n')}\n\nMedians of ${RUNS} alternating cold runs per tool on ${engine.info.version} (API ${engine.info.apiVersion}); images already on the engine.\n`;
}

const all: StackFigures[] = [
  await measure('lab (db → app)', (project) => labWorkspaceCopy(lab.workspace, project)),
];
if (process.env['BENCH_WIDE'] !== '0') {
  all.push(await measure('tree of 20', (project) => wideTreeWorkspace(project, lab.images.app['1.0.0'])));
}
mkdirSync(resultsDir, { recursive: true });
const markdown = table(all);
writeFileSync(
  join(resultsDir, 'stack.json'),
  `${JSON.stringify({ measuredAt: new Date().toISOString(), engine: engine.info, stacks: all }, null, 2)}\n`,
);
writeFileSync(join(resultsDir, 'stack.md'), markdown);
process.stdout.write(markdown);
