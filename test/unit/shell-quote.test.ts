import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { quoteArg, quoteCommand } from '../../electron/core/staging/shell-quote';

describe('shell quoting of remote arguments', () => {
  it('leaves plain words alone and quotes everything else', () => {
    expect(quoteArg('parity-lab_db-1')).toBe('parity-lab_db-1');
    expect(quoteArg('a b')).toBe(`'a b'`);
    expect(quoteArg('')).toBe(`''`);
  });

  it('survives a real shell: hostile names arrive as one literal argument each', () => {
    const hostile = ['a;touch /tmp/owned', "it's", '$(id)', '`id`', 'x\ny', '"\\', '*', '-n'];
    // printf prints each argument on its own line, so we can count and compare what sh received.
    const command = quoteCommand(['printf', '%s\\0', ...hostile]);
    const out = execFileSync('/bin/sh', ['-c', command]).toString('utf8');
    expect(out.split('\0').slice(0, -1)).toEqual(hostile);
  });

  it('refuses what a shell argument cannot carry', () => {
    expect(() => quoteArg('a\0b')).toThrow(/NUL/);
    expect(() => quoteCommand([])).toThrow(/empty/);
  });
});
