import type { LayerProgress } from '../engine/image-pull';

/** One image's pull at a glance: layers done of known, and bytes where the engine reports them. */
export interface ProgressSummary {
  layers: number;
  layersDone: number;
  /** Null until the engine reports a size: an image whose layers all exist locally never does. */
  bytes: { current: number; total: number } | null;
}

interface LayerState {
  current: number;
  total: number | undefined;
  downloaded: boolean;
  done: boolean;
}

/** Statuses after which a layer's bytes are all here (the engine stops reporting download progress). */
const DOWNLOADED = new Set(['Download complete', 'Verifying Checksum', 'Extracting', 'Pull complete']);
const DONE = new Set(['Pull complete', 'Already exists']);

/**
 * Folds the engine's per-layer messages into a summary. Layer ids come and go out of order ("Waiting",
 * "Downloading", "Already exists"); messages about the image itself (its digest, "Pulling from …") are not
 * layers and are ignored.
 */
export class ImageProgress {
  private readonly layers = new Map<string, LayerState>();

  apply(progress: LayerProgress): void {
    if (!/^[0-9a-f]{12,64}$/.test(progress.layer) || progress.status.startsWith('Pulling from')) return;
    const state = this.layers.get(progress.layer) ?? {
      current: 0,
      total: undefined,
      downloaded: false,
      done: false,
    };
    if (progress.status === 'Downloading') {
      if (progress.total !== undefined && progress.total > 0) state.total = progress.total;
      if (progress.current !== undefined) state.current = progress.current;
    }
    if (DOWNLOADED.has(progress.status)) state.downloaded = true;
    if (DONE.has(progress.status)) state.done = true;
    this.layers.set(progress.layer, state);
  }

  summary(): ProgressSummary {
    let layersDone = 0;
    let current = 0;
    let total = 0;
    let sized = false;
    for (const layer of this.layers.values()) {
      if (layer.done) layersDone++;
      if (layer.total !== undefined) {
        sized = true;
        total += layer.total;
        current += layer.downloaded ? layer.total : Math.min(layer.current, layer.total);
      }
    }
    return { layers: this.layers.size, layersDone, bytes: sized ? { current, total } : null };
  }
}
