import type { Client, ClientChannel } from 'ssh2';
import { ParityError } from '../parity-error';

export interface RemoteResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  /** Output beyond this many bytes per stream is an error, not memory: remote output is untrusted. */
  maxBytes?: number;
  /** How long the command may run before it is stopped (a hung docker on staging must not hang Parity). */
  timeoutMs?: number;
}

export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Runs one already-quoted command on a connected client and collects its output, refusing what a remote
 * host can do to us: print without end (a byte cap per stream, the rest discarded as it arrives), never
 * finish (a timeout), or vanish half-way (the connection dropping, which ssh2 reports only as a channel
 * closing without an exit status: that is not a result, it is named as the failure it is).
 */
export function runRemoteCommand(
  client: Client,
  where: string,
  command: string,
  options: ExecOptions = {},
): Promise<RemoteResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise<RemoteResult>((resolve, reject) => {
    let connectionError: Error | undefined;
    const onError = (error: Error): void => {
      connectionError = error;
    };
    // The session's 'error' may fire again while the command runs (ECONNRESET): recorded, never unhandled.
    client.on('error', onError);
    let channel: ClientChannel | undefined;
    let done = false;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const finish = (outcome: { result: RemoteResult } | { error: ParityError }): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      client.removeListener('error', onError);
      if ('result' in outcome) {
        resolve(outcome.result);
        return;
      }
      // Drop what was held: the rest of a flood still arrives until the close is acknowledged.
      out.length = 0;
      err.length = 0;
      channel?.close();
      reject(outcome.error);
    };
    const fail = (error: ParityError): void => finish({ error });
    // From the request on, so a channel that is never even opened cannot hang the caller either.
    const timer = setTimeout(
      () =>
        fail(
          new ParityError(
            'timed-out',
            `The command on ${where} did not finish within ${timeoutMs / 1000}s; it was stopped.`,
            'Something on staging hangs (often docker itself: try docker ps there). If staging is only slow, allow longer with --timeout SECONDS.',
          ),
        ),
      timeoutMs,
    );

    try {
      client.exec(command, onOpen);
    } catch (error) {
      // ssh2 throws when the connection is already gone.
      fail(dropped(where, 0, error as Error));
    }

    function onOpen(error: Error | undefined, opened: ClientChannel): void {
      if (error) {
        fail(
          new ParityError(
            'ssh-failed',
            `${where} refused to run a command: ${error.message}.`,
            'Check that the staging account may open a session (sshd_config MaxSessions, ForceCommand).',
          ),
        );
        return;
      }
      channel = opened;
      if (done) {
        opened.close();
        return;
      }
      collect(opened);
    }

    function collect(opened: ClientChannel): void {
      let outBytes = 0;
      let errBytes = 0;
      let exit: { code: number | null; signal: string | undefined } | undefined;
      opened.on('data', (chunk: Buffer) => {
        if (done) return;
        outBytes += chunk.length;
        if (outBytes > maxBytes) fail(tooLarge(where, maxBytes));
        else out.push(chunk);
      });
      opened.stderr.on('data', (chunk: Buffer) => {
        if (done) return;
        errBytes += chunk.length;
        if (errBytes > maxBytes) fail(tooLarge(where, maxBytes));
        else err.push(chunk);
      });
      opened.on('exit', (code: number | null, signal?: string) => {
        exit = { code, signal };
      });
      opened.on('close', () => {
        if (done) return;
        if (exit === undefined) {
          fail(dropped(where, outBytes, connectionError));
        } else if (exit.signal !== undefined) {
          fail(
            new ParityError(
              'ssh-failed',
              `The command on ${where} was killed by SIG${exit.signal.replace(/^SIG/, '')} before it finished.`,
              'Something on staging stopped it (an out-of-memory kill, a restart): run the check again, and look at the staging host if it recurs.',
            ),
          );
        } else {
          finish({
            result: {
              exitCode: exit.code,
              stdout: Buffer.concat(out).toString('utf8'),
              stderr: Buffer.concat(err).toString('utf8'),
            },
          });
        }
      });
    }
  });
}

function tooLarge(where: string, maxBytes: number): ParityError {
  return new ParityError(
    'ssh-failed',
    `The command on ${where} printed more than ${sizeOf(maxBytes)}; it was stopped and its output discarded.`,
    "Staging's evidence is far smaller: check that the staging account's login (ForceCommand, command= in authorized_keys, its shell profile) runs the command Parity sends and prints nothing else.",
  );
}

function sizeOf(bytes: number): string {
  const mib = 1024 * 1024;
  return bytes % mib === 0 ? `${bytes / mib} MiB` : `${bytes} bytes`;
}

function dropped(where: string, received: number, cause: Error | undefined): ParityError {
  return new ParityError(
    'ssh-failed',
    `The connection to ${where} dropped while the command ran (after ${received} bytes of output${cause ? `: ${cause.message}` : ''}); nothing was collected.`,
    'Run the check again; if it keeps dropping, check the network to staging and that its sshd stays up (its log names why it closed the session).',
    { cause },
  );
}
