/** The pull's progress as bars: per image, per layer. Built from the JSON lines `images:pull` streams. */
export interface LayerProgress {
  status: string;
  current: number;
  total: number;
}

export interface ImageProgress {
  reference: string;
  layers: Record<string, LayerProgress>;
  state: 'pulling' | 'verified' | 'unverified' | 'failed' | 'skipped';
  message: string | null;
}

export type PullBoard = Record<string, ImageProgress>;

type PullLine =
  | { type: 'image-start'; service: string; reference: string }
  | { type: 'layer'; service: string; layer: string; status: string; current?: number; total?: number }
  | { type: 'image-done'; service: string; reference: string; verified: boolean }
  | { type: 'image-failed'; service: string; reference: string; message: string }
  | { type: 'image-skipped'; service: string; reference: string; reason: string };

/** Applies one streamed line; anything that is not a pull event is ignored. */
export function applyPullLine(board: PullBoard, line: string): PullBoard {
  let event: PullLine;
  try {
    event = JSON.parse(line) as PullLine;
  } catch {
    return board;
  }
  const image = (service: string, reference = ''): ImageProgress =>
    board[service] ?? { reference, layers: {}, state: 'pulling', message: null };
  switch (event.type) {
    case 'image-start':
      return { ...board, [event.service]: image(event.service, event.reference) };
    case 'layer': {
      const current = image(event.service);
      const previous = current.layers[event.layer];
      const done = /complete|already exists/i.test(event.status);
      const total = event.total ?? previous?.total ?? 0;
      const layer: LayerProgress = {
        status: event.status,
        total,
        current: done ? total : (event.current ?? previous?.current ?? 0),
      };
      return {
        ...board,
        [event.service]: { ...current, layers: { ...current.layers, [event.layer]: layer } },
      };
    }
    case 'image-done':
      return {
        ...board,
        [event.service]: {
          ...image(event.service, event.reference),
          state: event.verified ? 'verified' : 'unverified',
        },
      };
    case 'image-failed':
      return {
        ...board,
        [event.service]: {
          ...image(event.service, event.reference),
          state: 'failed',
          message: event.message,
        },
      };
    case 'image-skipped':
      return {
        ...board,
        [event.service]: {
          ...image(event.service, event.reference),
          state: 'skipped',
          message: event.reason,
        },
      };
    default:
      return board;
  }
}

/** The share of an image's bytes that arrived (0..1); an image whose layers exist already is complete. */
export function imageFraction(image: ImageProgress): number {
  if (image.state === 'verified' || image.state === 'unverified') return 1;
  const layers = Object.values(image.layers);
  const total = layers.reduce((sum, l) => sum + l.total, 0);
  return total === 0 ? 0 : layers.reduce((sum, l) => sum + Math.min(l.current, l.total), 0) / total;
}
