import { describe, expect, it } from 'vitest';
import { normaliseSchemaDump, schemaDumpCommand } from '../../electron/core/seed/schema-digest';

describe('the schema hash’s normalisation', () => {
  it('drops comments, settings, ownership, grants and pg_dump’s random restrict key, and keeps the schema', () => {
    const laptop = [
      '--',
      '-- PostgreSQL database dump',
      '\\restrict 0p2dhqWZjkIaZDsNbkMcFGqGNWYIKFTVrgUW6hqW6EXlzeb5Ivme2wmXamoBe2v',
      'SET statement_timeout = 0;',
      "SELECT pg_catalog.set_config('search_path', '', false);",
      'CREATE TABLE public.customers (',
      '    id integer NOT NULL',
      ');',
      'ALTER TABLE public.customers OWNER TO dev;',
      'GRANT ALL ON TABLE public.customers TO dev;',
      '\\unrestrict 0p2dhqWZjkIaZDsNbkMcFGqGNWYIKFTVrgUW6hqW6EXlzeb5Ivme2wmXamoBe2v',
      '',
    ].join('\n');
    const staging = laptop
      .replaceAll('0p2dhqWZ', 'Zz9yXw8V')
      .replace('OWNER TO dev', 'OWNER TO deploy')
      .replace('TO dev;', 'TO app_rw;')
      .replaceAll('\n', '\r\n');
    expect(normaliseSchemaDump(laptop)).toBe('CREATE TABLE public.customers (\n    id integer NOT NULL\n);');
    expect(normaliseSchemaDump(staging)).toBe(normaliseSchemaDump(laptop));
    expect(normaliseSchemaDump(laptop.replace('integer', 'bigint'))).not.toBe(normaliseSchemaDump(laptop));
  });

  it('derives the schema-only command for the dump tools it knows, and none otherwise', () => {
    expect(schemaDumpCommand(['pg_dump', '-U', 'postgres', '--data-only', 'app_db'])).toEqual([
      'pg_dump',
      '--schema-only',
      '-U',
      'postgres',
      'app_db',
    ]);
    expect(schemaDumpCommand(['/usr/bin/mysqldump', 'shop'])).toEqual([
      '/usr/bin/mysqldump',
      '--no-data',
      'shop',
    ]);
    expect(schemaDumpCommand(['sh', '-c', 'cat /data.json'])).toBeUndefined();
  });
});
