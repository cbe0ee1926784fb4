import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where @electron/fuses finds an Electron binary's fuse wire: this sentinel, a version byte, a length byte. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** The fuse wire positions (FuseV1Options) and what a stock Electron binary ships with. */
export const FUSES = [
  ['runAsNode', '1'],
  ['enableCookieEncryption', '0'],
  ['enableNodeOptionsEnvironmentVariable', '1'],
  ['enableNodeCliInspectArguments', '1'],
  ['enableEmbeddedAsarIntegrityValidation', '0'],
  ['onlyLoadAppFromAsar', '0'],
  ['loadBrowserProcessSpecificV8Snapshot', '0'],
  ['grantFileProtocolExtraPrivileges', '1'],
] as const;

export type FuseName = (typeof FUSES)[number][0];

/**
 * A folder laid out like Electron's unpacked Linux zip, for electronDist: electron-builder copies it, renames
 * `electron` to the executable name, moves LICENSE to LICENSE.electron.txt, puts app.asar in resources/ and
 * flips the fuses in the binary. Our `electron` is a shell script that says what it is, carrying a stock fuse
 * wire so the fuse flipping runs for real and can be read back.
 */
export async function writeStandInElectron(folder: string, version: string): Promise<void> {
  await mkdir(join(folder, 'resources'), { recursive: true });
  const wire = Buffer.concat([
    Buffer.from(`# ${FUSE_SENTINEL}`, 'latin1'),
    Buffer.from([1, FUSES.length]),
    Buffer.from(FUSES.map(([, stock]) => stock).join(''), 'latin1'),
    Buffer.from('\n', 'latin1'),
  ]);
  const script = Buffer.from(
    '#!/bin/sh\n' +
      `echo "A stand-in for Electron ${version}, used only to test packaging: this is not a runnable app." >&2\n` +
      'exit 1\n',
    'latin1',
  );
  const executable = join(folder, 'electron');
  await writeFile(executable, Buffer.concat([script, wire]));
  await chmod(executable, 0o755);
  await writeFile(join(folder, 'version'), `${version}\n`);
  await writeFile(join(folder, 'LICENSE'), 'Stand-in for Electron’s MIT license file.\n');
  await writeFile(join(folder, 'LICENSES.chromium.html'), '<!doctype html><title>Stand-in</title>\n');
}

/** Reads an executable's fuse wire back: name → '0' (off), '1' (on) or 'r' (removed). */
export function readFuses(binary: Buffer): Record<FuseName, string> {
  const at = binary.indexOf(FUSE_SENTINEL, 0, 'latin1');
  if (at < 0) throw new Error('no fuse wire in this binary');
  const start = at + FUSE_SENTINEL.length;
  const length = binary[start + 1] ?? 0;
  const states = binary.subarray(start + 2, start + 2 + length).toString('latin1');
  return Object.fromEntries(FUSES.map(([name], index) => [name, states[index] ?? '?'])) as Record<
    FuseName,
    string
  >;
}
