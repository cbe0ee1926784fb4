/**
 * Quotes one argument for a POSIX shell. Remote commands go through the remote user's shell, so every
 * argument we send is quoted: a service named `a;touch /tmp/owned` stays one harmless word.
 */
export function quoteArg(arg: string): string {
  if (arg.includes('\0')) throw new Error('A shell argument cannot contain a NUL byte.');
  if (/^[A-Za-z0-9_./:=@%+,-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function quoteCommand(argv: readonly string[]): string {
  if (argv.length === 0) throw new Error('An empty command cannot be run.');
  return argv.map(quoteArg).join(' ');
}
