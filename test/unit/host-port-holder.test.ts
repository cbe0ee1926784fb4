import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findPortHolder, listeningInodes } from '../../electron/core/host/port-holder';

const HEADER =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
const row = (sl: number, local: string, state: string, inode: string): string =>
  `   ${sl}: ${local} 00000000:0000 ${state} 00000000:00000000 00:00000000 00000000     0        0 ${inode} 1 0000000000000000 100 0 0 10 0\n`;

describe('listeningInodes', () => {
  it('finds the sockets in LISTEN on the port, IPv4 and IPv6 forms alike', () => {
    const table =
      HEADER +
      row(0, '0100007F:1F90', '0A', '8607') +
      row(1, '0100007F:1F90', '01', '9001') +
      row(2, '00000000000000000000000001000000:1F90', '0A', '8700') +
      row(3, '0100007F:1F91', '0A', '9352');
    expect(listeningInodes(table, 8080)).toEqual(['8607', '8700']);
    expect(listeningInodes(table, 9999)).toEqual([]);
    expect(listeningInodes('', 8080)).toEqual([]);
  });
});

describe('findPortHolder', () => {
  const proc = mkdtempSync(join(tmpdir(), 'parity-proc-'));
  afterAll(() => rmSync(proc, { recursive: true, force: true }));

  it('names the process whose fd is the listening socket, its command line cleaned for display', async () => {
    mkdirSync(join(proc, 'net'));
    writeFileSync(join(proc, 'net', 'tcp'), HEADER + row(0, '0100007F:1F90', '0A', '4242'));
    for (const [pid, socket, cmdline] of [
      ['17', 'socket:[1111]', 'sshd\0-D\0'],
      ['4321', 'socket:[4242]', 'node\0server.js\0--name\0\u001b[31mred\0'],
    ] as const) {
      mkdirSync(join(proc, pid, 'fd'), { recursive: true });
      symlinkSync(socket, join(proc, pid, 'fd', '3'));
      writeFileSync(join(proc, pid, 'cmdline'), cmdline);
    }
    expect(await findPortHolder(8080, proc)).toEqual({ pid: 4321, command: 'node server.js --name [31mred' });
    expect(await findPortHolder(8081, proc)).toBeNull();
  });
});
