/** The stack's services as `stack:up` streams them: what each waits on, its health and time to healthy. */
export interface ServiceProgress {
  state: string;
  waitingFor: string | null;
  msToHealthy: number | null;
}

export type StackBoard = Record<string, ServiceProgress>;

interface StackLine {
  kind: string;
  service: string;
  dependency?: string;
  condition?: string;
  msToHealthy?: number | null;
  code?: number;
}

const STATES: Record<string, string> = {
  creating: 'creating',
  starting: 'starting',
  started: 'started',
  unchanged: 'running (unchanged)',
  healthy: 'healthy',
  unhealthy: 'unhealthy',
  pulled: 'image ready',
};

export function applyStackLine(board: StackBoard, line: string): StackBoard {
  let event: StackLine;
  try {
    event = JSON.parse(line) as StackLine;
  } catch {
    return board;
  }
  if (typeof event.service !== 'string' || typeof event.kind !== 'string') return board;
  const current = board[event.service] ?? { state: 'queued', waitingFor: null, msToHealthy: null };
  if (event.kind === 'waiting-for') {
    return {
      ...board,
      [event.service]: {
        ...current,
        state: 'waiting',
        waitingFor: `${event.dependency ?? '?'} (${event.condition ?? ''})`,
      },
    };
  }
  if (event.kind === 'exited') {
    return {
      ...board,
      [event.service]: { ...current, state: `exited ${event.code ?? ''}`, waitingFor: null },
    };
  }
  const state = STATES[event.kind];
  if (state === undefined) return board;
  return {
    ...board,
    [event.service]: {
      ...current,
      state,
      waitingFor: event.kind === 'healthy' || event.kind === 'started' ? null : current.waitingFor,
      msToHealthy: event.kind === 'healthy' ? (event.msToHealthy ?? null) : current.msToHealthy,
    },
  };
}

/** Splits streamed text into whole lines, carrying a partial last line over to the next chunk. */
export function splitLines(carry: string, chunk: string): { lines: string[]; carry: string } {
  const parts = (carry + chunk).split('\n');
  return { lines: parts.slice(0, -1).filter((l) => l.trim() !== ''), carry: parts.at(-1) ?? '' };
}
