import { APP_VERSION } from './app-version';
import { EXIT, exitCodeFor } from './cli-exit-codes';
import { DockerEngine } from './core/engine/docker-engine';
import { resolveEngineSocket } from './core/engine/engine-endpoint';
import { ParityError } from './core/parity-error';

const USAGE = `parity ${APP_VERSION} — a local environment that provably matches staging

Usage: parity <command> [options]

Commands:
  doctor        check this host: the container engine and its API version

Options:
  --help        show this help
  --version     print Parity's version
`;

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command === undefined ? EXIT.badInput : 0;
  }
  if (command === '--version') {
    process.stdout.write(`${APP_VERSION}\n`);
    return 0;
  }
  if (command === 'doctor') {
    const engine = await DockerEngine.connect(resolveEngineSocket({}));
    process.stdout.write(
      `engine: Docker Engine ${engine.info.version} (API ${engine.info.apiVersion}, ${engine.info.os}/${engine.info.arch}) at ${engine.info.socket}\n`,
    );
    return 0;
  }
  process.stderr.write(`parity: unknown command "${command}". Run parity --help for the list.\n`);
  return EXIT.badInput;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ParityError) {
      process.stderr.write(`parity: ${error.message}\n${error.hint ? `  fix: ${error.hint}\n` : ''}`);
      process.exit(exitCodeFor(error.code));
    }
    process.stderr.write(
      `parity: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(EXIT.internal);
  },
);
