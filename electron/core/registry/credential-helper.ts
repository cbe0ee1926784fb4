import { spawn } from 'node:child_process';
import { ParityError } from '../parity-error';

/** Runs `docker-credential-<helper> get` with the server on stdin; resolves its stdout, or null for "not found". */
export type CredentialHelperRunner = (helper: string, server: string) => Promise<string | null>;

const HELPER_TIMEOUT_MS = 15_000;
const MAX_OUTPUT = 64 * 1024;

/**
 * Runs helpers with this environment: its PATH decides which program answers. The credential helper
 * protocol (github.com/docker/docker-credential-helpers): the program gets the server URL on stdin and
 * prints {"ServerURL","Username","Secret"}; an unknown server is exit code 1 with "credentials not found"
 * on stdout. A helper may prompt a keychain dialog, hence the generous timeout.
 */
export function credentialHelperRunner(
  env: Readonly<Record<string, string | undefined>> = process.env,
): CredentialHelperRunner {
  return (helper, server) => runHelper(helper, server, env);
}

function runHelper(
  helper: string,
  server: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<string | null> {
  if (!/^[A-Za-z0-9._-]+$/.test(helper)) {
    return Promise.reject(
      new ParityError(
        'invalid-request',
        `The Docker config names a credential helper "${helper}" that is not a plain name.`,
      ),
    );
  }
  const program = `docker-credential-${helper}`;
  return new Promise((resolve, reject) => {
    const child = spawn(program, ['get'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: HELPER_TIMEOUT_MS,
      env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.length > MAX_OUTPUT) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < MAX_OUTPUT) stderr += chunk;
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new ParityError(
          'engine-error',
          error.code === 'ENOENT'
            ? `The Docker config uses the credential helper ${program}, which is not installed (not on PATH).`
            : `Cannot run the credential helper ${program}: ${error.message}.`,
          `Install ${program}, or remove "${helper}" from credsStore/credHelpers in the Docker config.`,
        ),
      ),
    );
    child.on('close', (code, signal) => {
      if (code === 0) resolve(stdout);
      else if (/credentials not found/i.test(stdout + stderr)) resolve(null);
      else
        reject(
          new ParityError(
            'engine-error',
            `The credential helper ${program} failed (${signal ?? `exit ${code ?? '?'}`}) for ${server}` +
              // The helper's own words help (a locked keychain), and never hold the secret: it failed.
              `${stderr.trim() ? `: ${stderr.trim().split('\n')[0] ?? ''}` : ''}.`,
            `Run: echo ${server} | ${program} get`,
          ),
        );
    });
    child.stdin.on('error', () => {
      // A helper that exits without reading stdin is judged by its exit code above.
    });
    child.stdin.end(server);
  });
}
