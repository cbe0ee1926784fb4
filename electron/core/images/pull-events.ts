/**
 * What `parity pull` reports while it works: the CLI draws bars or lines from these, `--json` writes them
 * as JSON lines on stderr, and the app can stream them to the wizard. Plain data only.
 */
export type PullEvent =
  | { type: 'resolve'; services: string[] }
  | { type: 'image-start'; service: string; reference: string }
  | {
      type: 'layer';
      service: string;
      layer: string;
      status: string;
      current?: number;
      total?: number;
    }
  | { type: 'image-done'; service: string; reference: string; imageId: string; verified: boolean }
  | {
      /** The registry failed mid-pull; attempt `attempt` of `attempts` starts after `delayMs`. */
      type: 'image-retry';
      service: string;
      reference: string;
      attempt: number;
      attempts: number;
      delayMs: number;
      message: string;
    }
  | { type: 'image-failed'; service: string; reference: string; message: string }
  | { type: 'image-skipped'; service: string; reference: string; reason: string };
