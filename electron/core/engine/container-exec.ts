import { Writable, type Readable } from 'node:stream';
import { ParityError } from '../parity-error';
import type { DockerEngine } from './docker-engine';

export interface ExecSpec {
  cmd: readonly string[];
  env?: Readonly<Record<string, string>>;
  user?: string;
}

export interface ExecSinks {
  stdout: (chunk: Buffer) => void;
  stderr: (chunk: Buffer) => void;
  signal?: AbortSignal;
}

/**
 * Runs a command inside a running container through the Engine's exec API (no docker CLI) and hands its
 * output, demultiplexed, to the sinks as it arrives. Resolves with the exit code once the output ends.
 */
export async function execInContainer(
  engine: DockerEngine,
  container: string,
  spec: ExecSpec,
  sinks: ExecSinks,
): Promise<number> {
  const exec = await engine.client
    .getContainer(container)
    .exec({
      Cmd: [...spec.cmd],
      Env: Object.entries(spec.env ?? {}).map(([key, value]) => `${key}=${value}`),
      AttachStdout: true,
      AttachStderr: true,
      Tty: false,
      ...(spec.user === undefined ? {} : { User: spec.user }),
    })
    .catch((error: unknown) => {
      throw new ParityError(
        'engine-error',
        `Cannot run ${spec.cmd[0] ?? 'a command'} in ${container}: ${(error as Error).message}.`,
        'Is the stack up? Start it with: npx parity up',
      );
    });
  const stream = (await exec.start({ hijack: true, stdin: false })) as unknown as Readable;
  const writer = (sink: (chunk: Buffer) => void): Writable =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        sink(chunk);
        done();
      },
    });
  engine.client.modem.demuxStream(stream, writer(sinks.stdout), writer(sinks.stderr));
  await new Promise<void>((resolve, reject) => {
    const abort = (): void => {
      stream.destroy();
      reject(new ParityError('internal', `${spec.cmd[0] ?? 'The command'} in ${container} was interrupted.`));
    };
    if (sinks.signal?.aborted) abort();
    sinks.signal?.addEventListener('abort', abort, { once: true });
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', reject);
  });
  const { ExitCode } = await exec.inspect();
  return ExitCode ?? -1;
}

/** Runs a short command and returns its output, refusing more than `maxBytes` (remote-style caution). */
export async function execCapture(
  engine: DockerEngine,
  container: string,
  spec: ExecSpec,
  maxBytes = 1024 * 1024,
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let size = 0;
  const keep =
    (into: Buffer[]) =>
    (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= maxBytes) into.push(chunk);
    };
  const exitCode = await execInContainer(engine, container, spec, { stdout: keep(out), stderr: keep(err) });
  if (size > maxBytes) {
    throw new ParityError(
      'engine-error',
      `${spec.cmd[0] ?? 'The command'} printed more than ${maxBytes} bytes.`,
    );
  }
  return {
    exitCode,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
  };
}
