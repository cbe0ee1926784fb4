import { ParityError } from '../core/parity-error';

/** `parity check` and `parity snapshot` flags. Unknown flags are bad input, never ignored. */
export interface CheckOptions {
  workspace: string | undefined;
  json: boolean;
  quiet: boolean;
  staging: boolean;
  threshold: number | undefined;
  report: string | undefined;
  identity: string | undefined;
  trustHost: string | undefined;
  /** --timeout S: how long staging's evidence may take to collect. */
  timeoutSeconds: number | undefined;
}

export interface SnapshotOptions {
  workspace: string | undefined;
  staging: boolean;
  output: string | undefined;
  identity: string | undefined;
  trustHost: string | undefined;
  timeoutSeconds: number | undefined;
}

const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

export function parseCheckOptions(args: readonly string[]): CheckOptions {
  const flags = parseFlags(args, {
    booleans: ['--json', '--quiet', '-q', '--staging'],
    values: ['--workspace', '--threshold', '--report', '--identity', '--trust-host', '--timeout'],
  });
  return {
    workspace: flags.values['--workspace'],
    json: flags.booleans.has('--json'),
    quiet: flags.booleans.has('--quiet') || flags.booleans.has('-q'),
    staging: flags.booleans.has('--staging'),
    threshold: threshold(flags.values['--threshold']),
    report: flags.values['--report'],
    identity: flags.values['--identity'],
    trustHost: fingerprint(flags.values['--trust-host']),
    timeoutSeconds: seconds(flags.values['--timeout']),
  };
}

export function parseSnapshotOptions(args: readonly string[]): SnapshotOptions {
  const flags = parseFlags(args, {
    booleans: ['--staging'],
    values: ['--workspace', '-o', '--output', '--identity', '--trust-host', '--timeout'],
  });
  return {
    workspace: flags.values['--workspace'],
    staging: flags.booleans.has('--staging'),
    output: flags.values['-o'] ?? flags.values['--output'],
    identity: flags.values['--identity'],
    trustHost: fingerprint(flags.values['--trust-host']),
    timeoutSeconds: seconds(flags.values['--timeout']),
  };
}

export interface FixOptions {
  /** One finding id, or every finding with an automated action. */
  target: { id: string } | 'all';
  workspace: string | undefined;
  staging: boolean;
  identity: string | undefined;
  trustHost: string | undefined;
  timeoutSeconds: number | undefined;
}

export function parseFixOptions(args: readonly string[]): FixOptions {
  const flags = parseFlags(args, {
    booleans: ['--all', '--staging'],
    values: ['--workspace', '--identity', '--trust-host', '--timeout'],
    positionals: 1,
  });
  const [id] = flags.positionals;
  const all = flags.booleans.has('--all');
  if ((id === undefined) === !all) {
    throw new ParityError(
      'invalid-request',
      all
        ? 'Give a finding id or --all, not both.'
        : 'Which finding? Give its id (from parity check) or --all.',
      'For example: parity fix service.unhealthy:app:local',
    );
  }
  return {
    target: id === undefined ? 'all' : { id },
    workspace: flags.values['--workspace'],
    staging: flags.booleans.has('--staging'),
    identity: flags.values['--identity'],
    trustHost: fingerprint(flags.values['--trust-host']),
    timeoutSeconds: seconds(flags.values['--timeout']),
  };
}

interface Flags {
  booleans: Set<string>;
  values: Record<string, string>;
  positionals: string[];
}

function parseFlags(
  args: readonly string[],
  known: { booleans: string[]; values: string[]; positionals?: number },
): Flags {
  const flags: Flags = { booleans: new Set(), values: {}, positionals: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!arg.startsWith('-') && flags.positionals.length < (known.positionals ?? 0)) {
      flags.positionals.push(arg);
    } else if (known.booleans.includes(name) && eq < 0) {
      flags.booleans.add(name);
    } else if (known.values.includes(name)) {
      const value = eq < 0 ? args[++i] : arg.slice(eq + 1);
      if (value === undefined || value === '' || (eq < 0 && value.startsWith('-') && value !== '-')) {
        throw new ParityError(
          'invalid-request',
          `${name} needs a value.`,
          'Run parity --help for the options.',
        );
      }
      flags.values[name] = value;
    } else {
      throw new ParityError(
        'invalid-request',
        `Unknown option "${arg}".`,
        'Run parity --help for the options.',
      );
    }
  }
  return flags;
}

function threshold(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d*\.?\d+$/.test(value) || !(n >= 0 && n <= 1)) {
    throw new ParityError(
      'invalid-request',
      `--threshold ${value}: expected a score from 0 to 1, like 0.98.`,
      'The score is the weighted share of checks that pass: 1 means every check must pass.',
    );
  }
  return n;
}

function seconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d*\.?\d+$/.test(value) || !(n > 0 && n <= 86_400)) {
    throw new ParityError(
      'invalid-request',
      `--timeout ${value}: expected how many seconds staging may take, like 120.`,
      'Staging is given 120 seconds unless --timeout says otherwise.',
    );
  }
  return n;
}

function fingerprint(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!FINGERPRINT.test(value)) {
    throw new ParityError(
      'invalid-request',
      `--trust-host ${value}: expected a host key fingerprint as OpenSSH prints it, "SHA256:" and 43 characters.`,
      'Read it with: ssh-keyscan -p PORT HOST | ssh-keygen -lf -   and confirm it with the host’s administrator.',
    );
  }
  return value;
}
