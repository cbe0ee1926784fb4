import { ImageProgress } from './image-progress';
import { progressLine, shortDigest } from './progress-text';
import type { PullEvent } from './pull-events';

/**
 * The terminal view of a pull: one bar per image, in a fixed order so the lines never jump around while
 * they are redrawn. Holds state only; the command decides when and where to draw it.
 */
export class ProgressBoard {
  private readonly progress = new Map<string, ImageProgress>();
  private readonly states = new Map<string, { text: string; complete: boolean }>();
  private readonly width: number;

  constructor(private readonly services: readonly string[]) {
    this.width = Math.max(4, ...services.map((service) => service.length));
    for (const service of services) this.progress.set(service, new ImageProgress());
  }

  apply(event: PullEvent): void {
    switch (event.type) {
      case 'layer':
        this.progress.get(event.service)?.apply(event);
        break;
      case 'image-start':
        this.states.delete(event.service);
        break;
      case 'image-done':
        this.states.set(event.service, {
          text: event.verified
            ? `✓ ${shortDigest(event.reference.slice(event.reference.lastIndexOf('@') + 1))} verified`
            : '✖ RepoDigests do not hold the pin',
          complete: true,
        });
        break;
      case 'image-retry':
        this.states.set(event.service, {
          text: `↻ registry failed; attempt ${event.attempt}/${event.attempts} in ${event.delayMs / 1000}s`,
          complete: false,
        });
        break;
      case 'image-failed':
        this.states.set(event.service, { text: `✖ ${event.message}`, complete: false });
        break;
      case 'image-skipped':
        this.states.set(event.service, { text: `– not pulled: ${event.reason}`, complete: false });
        break;
      case 'resolve':
        break;
    }
  }

  lines(): string[] {
    return this.services.map((service) =>
      progressLine(
        service,
        this.width,
        this.progress.get(service)?.summary() ?? { layers: 0, layersDone: 0, bytes: null },
        this.states.get(service),
      ),
    );
  }
}
