import { z } from 'zod';
import type { EngineFetch } from '../engine/engine-fetch';

/** What an engine answered on /version and /info, with where the answers came from. */
export const engineRecordingSchema = z.object({
  source: z.string().min(1),
  version: z.unknown(),
  info: z.unknown(),
  /**
   * When the published capture is `docker info` text rather than the API's JSON: the captured lines, kept
   * verbatim, that the /info fields were read from (a test holds the two in agreement).
   */
  dockerInfo: z.string().optional(),
});

export type EngineRecording = z.output<typeof engineRecordingSchema>;

export function parseEngineRecording(json: unknown): EngineRecording {
  return engineRecordingSchema.parse(json);
}

/** Replays a recording as the engine's API; any other path is an error, as it would be on a real engine. */
export function recordedEngineFetch(recording: EngineRecording): EngineFetch {
  return (_socketPath, path) => {
    if (path === '/version') return Promise.resolve(recording.version);
    if (path === '/info') return Promise.resolve(recording.info);
    return Promise.reject(new Error(`${path} was not recorded (${recording.source})`));
  };
}
