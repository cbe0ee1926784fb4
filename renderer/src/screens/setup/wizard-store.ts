import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ParityApi } from '../../../../shared/api-client';
import { ParityApiError, type ApiErrorData } from '../../../../shared/api-error';
import type { DriftReport } from '../../../../shared/drift-report-schema';
import { seedOutcomeSchema, type HostFinding, type SeedOutcomeView } from '../../../../shared/finding-schema';
import {
  emptyWizardState,
  WIZARD_STEPS,
  type WizardState,
  type WizardStep,
} from '../../../../shared/wizard-schema';
import { followStream } from '../../api/follow-stream';
import { toProblem } from '../../stores/engine-store';
import { applyPullLine, type PullBoard } from './pull-board';
import { applyStackLine, splitLines, type StackBoard } from './stack-board';

/** A failed step as the wizard shows it: the finding, why it matters, and the command that fixes it. */
export interface StepFailure {
  finding: string;
  why: string;
  fix: string;
  command: string;
}

export interface WizardStore {
  /** What is proven so far (persisted main-side per workspace). */
  saved: WizardState;
  loaded: boolean;
  running: boolean;
  failure: StepFailure | null;
  hostFindings: HostFinding[];
  pull: PullBoard;
  stack: StackBoard;
  stackElapsedMs: number | null;
  seedLog: string;
  seed: SeedOutcomeView | null;
  /** Staging's fingerprint awaiting the user's confirmation (first comparison only). */
  hostKey: { target: string; fingerprint: string } | null;
  report: DriftReport | null;
  load: () => Promise<void>;
  /** Runs the current step; on success records it and moves on. */
  run: () => Promise<void>;
  /** The user confirmed staging's fingerprint: trust it for this workspace, then compare. */
  confirmHostKey: () => Promise<void>;
  /** Starts the walk over from the host check. */
  restart: () => Promise<void>;
}

const WHY: Record<WizardStep, string> = {
  host: 'The stack runs on this machine’s engine; a problem here makes every later step fail.',
  pull: 'Only images pulled by the digest parity.yml pins are known to be what staging runs.',
  start: 'Services that never turn healthy are not the environment staging has.',
  seed: 'Tests and debugging need the same data as everyone else: the checksum proves it.',
  compare: 'The score is the proof that this machine matches staging.',
  ready: '',
};

export function commandFor(step: WizardStep, workspace: string): string {
  const w = ` --workspace '${workspace.replace(/'/g, `'\\''`)}'`;
  switch (step) {
    case 'host':
      return `npx parity doctor${w}`;
    case 'pull':
      return `npx parity pull${w}`;
    case 'start':
      return `npx parity up${w}`;
    case 'seed':
      return `npx parity seed${w}`;
    case 'compare':
      return `npx parity check --staging${w}`;
    case 'ready':
      return '';
  }
}

function next(step: WizardStep): WizardStep {
  return WIZARD_STEPS[Math.min(WIZARD_STEPS.indexOf(step) + 1, WIZARD_STEPS.length - 1)] as WizardStep;
}

/** Streams a session to its end; resolves with its result, rejects with its error. */
function streamed(
  api: ParityApi,
  start: () => Promise<{ streamId: string }>,
  onLine: (line: string) => void,
): Promise<unknown> {
  let carry = '';
  return new Promise((resolve, reject) => {
    followStream(api, start, {
      onData: (data) => {
        const split = splitLines(carry, data);
        carry = split.carry;
        split.lines.forEach(onLine);
      },
      onEnd: (error?: ApiErrorData, result?: unknown) => {
        if (carry.trim() !== '') onLine(carry);
        if (error) reject(new ParityApiError(error));
        else resolve(result);
      },
    });
  });
}

/**
 * The setup wizard: Host check → Pull → Start → Seed → Compare → Ready. Each step runs the real thing
 * through the API; what it proved is saved main-side, so a restart resumes at the first unproven step.
 */
export function createWizardStore(
  api: ParityApi,
  workspacePath: string,
  now = (): Date => new Date(),
): StoreApi<WizardStore> {
  return createStore<WizardStore>((set, get) => {
    const save = async (state: WizardState): Promise<void> => {
      set({ saved: await api.wizard.save({ state }) });
    };
    const fail = (step: WizardStep, finding: string, fix: string): void => {
      set({
        running: false,
        failure: { finding, why: WHY[step], fix, command: commandFor(step, workspacePath) },
      });
    };
    const pass = async (step: WizardStep, extra: Partial<WizardState> = {}): Promise<void> => {
      const saved = get().saved;
      const done = saved.done.includes(step) ? saved.done : [...saved.done, step];
      const to = next(step);
      await save({
        ...saved,
        ...extra,
        done,
        step: to,
        ...(to === 'ready' && !done.includes('ready') ? { readyAt: now().toISOString() } : {}),
      });
      set({ running: false });
    };

    const steps: Record<WizardStep, () => Promise<void>> = {
      host: async () => {
        const { findings } = await api.host.doctor();
        set({ hostFindings: findings });
        const blocking = findings.find((f) => f.severity === 'error');
        if (blocking)
          fail(
            'host',
            blocking.message,
            blocking.remediation.commands.join('\n') || blocking.remediation.summary,
          );
        else await pass('host');
      },
      pull: async () => {
        set({ pull: {} });
        const result = (await streamed(
          api,
          () => api.images.pull(),
          (line) => set({ pull: applyPullLine(get().pull, line) }),
        )) as {
          failed: Array<{ service: string; message: string }>;
          unresolved: string[];
          pulled: Array<{ service: string; verified: boolean }>;
        };
        const unverified = result.pulled.filter((p) => !p.verified).map((p) => p.service);
        const problem =
          result.failed.map((f) => `${f.service}: ${f.message}`)[0] ??
          (result.unresolved.length > 0 ? `Not resolved: ${result.unresolved.join(', ')}` : undefined) ??
          (unverified.length > 0 ? `Digest not verified: ${unverified.join(', ')}` : undefined);
        if (problem)
          fail('pull', problem, 'Check that the registry answers and the pins in parity.yml exist.');
        else await pass('pull');
      },
      start: async () => {
        set({ stack: {}, stackElapsedMs: null });
        const result = (await streamed(
          api,
          () => api.stack.up(),
          (line) => set({ stack: applyStackLine(get().stack, line) }),
        )) as {
          outcome: string;
          message: string;
          elapsedMs: number;
        };
        set({ stackElapsedMs: result.elapsedMs });
        if (result.outcome !== 'ready')
          fail(
            'start',
            result.message || `The stack ended ${result.outcome}.`,
            'Read the service’s logs in the Terminal, fix it, then run this step again.',
          );
        else await pass('start');
      },
      seed: async () => {
        set({ seedLog: '', seed: null });
        const result = await streamed(
          api,
          () => api.seed.run(),
          (line) => set({ seedLog: `${get().seedLog}${line}\n` }),
        );
        const outcome = seedOutcomeSchema.safeParse(result);
        if (!outcome.success) fail('seed', 'The seed ended without a checksum.', 'Run the seed again.');
        else {
          set({ seed: outcome.data });
          if (outcome.data.matches === false)
            fail(
              'seed',
              `The data’s checksum ${outcome.data.checksum} differs from parity.yml’s ${outcome.data.expected ?? ''}.`,
              'Reset the database and seed again.',
            );
          else await pass('seed');
        }
      },
      compare: async () => {
        const key = await api.staging.hostKey();
        if (!key.trusted) {
          // Never skip verification: the user confirms the fingerprint, then the main side trusts it.
          set({ hostKey: { target: key.target, fingerprint: key.fingerprint }, running: false });
          return;
        }
        const report = await api.drift.check();
        set({ report });
        const at = now().toISOString();
        if (!report.passed) {
          await save({ ...get().saved, score: report.score, scoredAt: at, passed: false });
          const worst = report.findings[0];
          fail(
            'compare',
            worst
              ? `Score ${pct(report.score)} < ${pct(report.threshold)}: ${worst.message}`
              : `Score ${pct(report.score)} is below ${pct(report.threshold)}.`,
            worst?.remediation.command ?? 'Open the Troubleshooter to see every difference.',
          );
        } else await pass('compare', { score: report.score, scoredAt: at, passed: true });
      },
      ready: async () => {},
    };

    return {
      saved: emptyWizardState,
      loaded: false,
      running: false,
      failure: null,
      hostFindings: [],
      pull: {},
      stack: {},
      stackElapsedMs: null,
      seedLog: '',
      seed: null,
      hostKey: null,
      report: null,
      load: async () => {
        set({ saved: await api.wizard.state(), loaded: true });
      },
      run: async () => {
        if (get().running) return;
        const step = get().saved.step;
        set({ running: true, failure: null });
        try {
          if (get().saved.startedAt === null) await save({ ...get().saved, startedAt: now().toISOString() });
          await steps[step]();
        } catch (error) {
          const problem = toProblem(error);
          fail(step, problem.message, problem.hint ?? 'Run the command below in a terminal to see more.');
        }
      },
      confirmHostKey: async () => {
        const key = get().hostKey;
        if (!key) return;
        set({ running: true, failure: null });
        try {
          await api.staging.trustHost({ fingerprint: key.fingerprint });
          set({ hostKey: null, running: false });
          await get().run();
        } catch (error) {
          const problem = toProblem(error);
          fail('compare', problem.message, problem.hint ?? '');
        }
      },
      restart: async () => {
        set({
          failure: null,
          hostFindings: [],
          pull: {},
          stack: {},
          seedLog: '',
          seed: null,
          report: null,
          hostKey: null,
        });
        await save(emptyWizardState);
      },
    };
  });
}

export function pct(score: number): string {
  return `${(score * 100).toFixed(1)}%`;
}
