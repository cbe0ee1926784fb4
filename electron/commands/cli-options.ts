import { ParityError } from '../core/parity-error';

/** The flags every command shares (issue: the CLI). Unknown flags are bad input, never ignored. */
export interface CommonOptions {
  workspace: string | undefined;
  json: boolean;
  quiet: boolean;
}

export function parseCommonOptions(args: readonly string[]): CommonOptions {
  const options: CommonOptions = { workspace: undefined, json: false, quiet: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--json') options.json = true;
    else if (arg === '--quiet' || arg === '-q') options.quiet = true;
    else if (arg === '--workspace' || arg.startsWith('--workspace=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i];
      if (!value) throw new ParityError('invalid-request', '--workspace needs a folder: --workspace DIR.');
      options.workspace = value;
    } else {
      throw new ParityError(
        'invalid-request',
        `Unknown option "${arg}".`,
        'Run parity --help for the options.',
      );
    }
  }
  return options;
}
