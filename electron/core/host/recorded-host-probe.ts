import { z } from 'zod';
import { commandLine, type HostProbe } from './host-probe';

const commandResultSchema = z.object({
  code: z.number().int().nullable(),
  stdout: z.string(),
  stderr: z.string(),
});

/**
 * A host we cannot run on, written down: what its commands printed and its files held. `source` says where
 * each recording came from, so a reader can tell a capture from this machine from a transcription.
 */
export const hostRecordingSchema = z.object({
  source: z.string().min(1),
  platform: z.enum([
    'aix',
    'android',
    'darwin',
    'freebsd',
    'haiku',
    'linux',
    'openbsd',
    'sunos',
    'win32',
    'cygwin',
    'netbsd',
  ]),
  arch: z.string(),
  osRelease: z.string(),
  homedir: z.string(),
  totalMemoryBytes: z.number().nonnegative(),
  env: z.record(z.string(), z.string()),
  /** Keyed by the argv joined with spaces; null records "command not found". */
  commands: z.record(z.string(), commandResultSchema.nullable()).default({}),
  files: z.record(z.string(), z.string()).default({}),
  /** Paths that exist but are not readable files worth recording (sockets, directories). */
  paths: z.array(z.string()).default([]),
  statfs: z.record(z.string(), z.number().nonnegative()).default({}),
});

export type HostRecording = z.output<typeof hostRecordingSchema>;

export function parseHostRecording(json: unknown): HostRecording {
  return hostRecordingSchema.parse(json);
}

/**
 * Replays a recording. A command the recording does not mention throws instead of pretending it is missing:
 * a check that starts asking something new must come with a recording of the answer.
 */
export function recordedHostProbe(recording: HostRecording): HostProbe {
  return {
    platform: recording.platform,
    arch: recording.arch,
    osRelease: recording.osRelease,
    env: recording.env,
    homedir: recording.homedir,
    totalMemoryBytes: recording.totalMemoryBytes,
    run: (command, args) => {
      const key = commandLine(command, args);
      if (!(key in recording.commands)) {
        return Promise.reject(new Error(`"${key}" was not recorded (${recording.source})`));
      }
      return Promise.resolve(recording.commands[key] ?? null);
    },
    readFile: (path) => Promise.resolve(recording.files[path] ?? null),
    exists: (path) => Promise.resolve(path in recording.files || recording.paths.includes(path)),
    statfs: (path) => Promise.resolve(recording.statfs[path] ?? null),
  };
}
