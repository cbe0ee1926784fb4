import type { Duplex } from 'node:stream';
import { ParityError } from '../parity-error';
import type { DockerEngine } from './docker-engine';
import type { StreamOutput } from '../streams/stream-hub';

/** The terminal size the page asks for; the engine resizes the exec's pseudo-terminal to it. */
export interface TtySize {
  cols: number;
  rows: number;
}

/** What the page can do to a running shell: type into it and resize it. */
export interface TtyControl {
  write(data: string): void;
  resize(size: TtySize): Promise<void>;
}

/**
 * The shells tried in order: `bash` where the image has it, busybox/alpine `sh` otherwise. `exec` replaces
 * the probing `sh`, so the session's process is the shell itself.
 */
const SHELL_PROBE = 'if command -v bash >/dev/null 2>&1; then exec bash; else exec sh; fi';

/**
 * Opens an interactive shell in a running container through the Engine's exec API with a TTY (one raw
 * stream, no multiplexing), hands its output to the stream session and gives `control` to the caller so
 * input and resizes reach it. Resolves with the shell's exit code when it exits; cancelling the session
 * closes the connection, which ends the shell.
 */
export async function openTtyExec(
  engine: DockerEngine,
  container: string,
  size: TtySize,
  output: StreamOutput,
  onReady: (control: TtyControl) => void | Promise<void>,
): Promise<{ exitCode: number }> {
  const handle = engine.client.getContainer(container);
  const info = await handle.inspect().catch((error: unknown) => {
    throw new ParityError('engine-error', `There is no container "${container}" on this engine.`, undefined, {
      cause: error,
    });
  });
  if (!info.State.Running) {
    throw new ParityError(
      'engine-error',
      `The container "${container}" is not running, so no shell can be opened in it.`,
      'Start the stack first: npx parity up',
    );
  }
  const exec = await handle.exec({
    Cmd: ['sh', '-c', SHELL_PROBE],
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
    Env: ['TERM=xterm-256color'],
  });
  const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as unknown as Duplex;
  const resize = async ({ cols, rows }: TtySize): Promise<void> => {
    await exec.resize({ w: cols, h: rows });
  };
  // The first resize can race the exec's start on the engine side; a failure here is not fatal.
  await resize(size).catch(() => undefined);
  await onReady({
    write: (data) => {
      if (!stream.destroyed) stream.write(data);
    },
    resize,
  });
  stream.on('data', (chunk: Buffer) => output.write(chunk));
  await new Promise<void>((resolve, reject) => {
    const stop = (): void => {
      stream.destroy();
      resolve();
    };
    if (output.signal.aborted) stop();
    output.signal.addEventListener('abort', stop, { once: true });
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', (error) => (output.signal.aborted ? resolve() : reject(error)));
  });
  const inspected = await exec.inspect().catch(() => ({ ExitCode: null }));
  return { exitCode: inspected.ExitCode ?? -1 };
}
