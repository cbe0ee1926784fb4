import { join } from 'node:path';
import { appSettingsSchema, defaultSettings } from '../../shared/wizard-schema';
import { DockerEngine } from '../core/engine/docker-engine';
import { resolveEngineSocket } from '../core/engine/engine-endpoint';
import type { WorkspaceSession } from '../workspace-session';
import { ParityError } from '../core/parity-error';
import { JsonFile } from './json-file';

/** The one engine every handler of the app talks to. */
export interface AppEngine {
  /** Its address: the Settings' engine socket when set, else the workspace's (the lab's), else undefined (DOCKER_HOST). */
  socket(): Promise<string | undefined>;
  connect(): Promise<DockerEngine>;
}

/** The app's settings file in Parity's data folder (read fresh on every use: Settings can change it). */
export function settingsFile(dataDir: string): JsonFile<typeof appSettingsSchema> {
  return new JsonFile(join(dataDir, 'settings.json'), appSettingsSchema, defaultSettings);
}

/**
 * Which engine the app uses, decided in one place: what the user chose in Settings wins over what the
 * workspace names, which wins over DOCKER_HOST and the conventional socket.
 */
export function appEngine(dataDir: string, session: WorkspaceSession): AppEngine {
  const settings = settingsFile(dataDir);
  const socket = async (): Promise<string | undefined> => {
    const chosen = (await settings.read()).engineSocket;
    return chosen !== '' ? chosen : session.current()?.engineSocket;
  };
  return {
    socket,
    connect: async () => {
      const address = await socket();
      let path: string;
      try {
        path = resolveEngineSocket({ explicit: address });
      } catch (error) {
        throw new ParityError(
          'engine-unreachable',
          error instanceof Error ? error.message : String(error),
          'Set a unix:// engine socket in Settings, or clear it to use DOCKER_HOST.',
        );
      }
      return DockerEngine.connect(path);
    },
  };
}
