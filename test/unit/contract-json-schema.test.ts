import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { contractJsonSchema } from '../../electron/core/contract/json-schema';

const SCHEMA_FILE = fileURLToPath(new URL('../../resources/parity.schema.json', import.meta.url));
const CONTRACTS = fileURLToPath(new URL('../fixtures/contracts', import.meta.url));

async function fixture(path: string): Promise<unknown> {
  return parse(await readFile(join(CONTRACTS, path), 'utf8'), { merge: true });
}

describe('the JSON Schema editors use', () => {
  it('is the one the zod schema generates (run npx tsx test/tools/write-schema.ts when this fails)', async () => {
    const committed: unknown = JSON.parse(await readFile(SCHEMA_FILE, 'utf8'));
    expect(committed).toEqual(contractJsonSchema());
  });

  it('names itself and rejects unknown keys, as the loader does', () => {
    const schema = contractJsonSchema();
    expect(schema).toMatchObject({
      $id: 'urn:parity:contract:v1',
      title: 'Parity contract (parity.yml)',
      additionalProperties: false,
      required: ['version', 'name', 'images', 'env', 'seed', 'health', 'staging'],
    });
  });

  it('agrees with the loader on good and bad contracts', async () => {
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const validate = ajv.compile(contractJsonSchema());
    for (const good of ['good/full.yml', 'good/minimal.yml', 'good/anchors.yml']) {
      expect(validate(await fixture(good)), `${good}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    for (const bad of [
      'bad/unknown-top-level-key.yml',
      'bad/unknown-nested-key.yml',
      'bad/threshold-not-a-number.yml',
      'bad/version-2.yml',
      'bad/malformed-image.yml',
      'bad/malformed-host-key.yml',
      'bad/ssh-option-injection.yml',
      'bad/missing-key.yml',
    ]) {
      expect(validate(await fixture(bad)), bad).toBe(false);
    }
  });
});
