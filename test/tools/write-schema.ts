import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { contractJsonSchema } from '../../electron/core/contract/json-schema';

/**
 * Regenerates resources/parity.schema.json from the zod schema: npx tsx test/tools/write-schema.ts.
 * Formatted with the repository's prettier settings so `prettier --check` agrees with the generated file;
 * test/unit/contract-json-schema.test.ts fails when it is stale.
 */
const target = fileURLToPath(new URL('../../resources/parity.schema.json', import.meta.url));
const options = await resolveConfig(target);
const text = await format(JSON.stringify(contractJsonSchema(), null, 2), { ...options, filepath: target });
await writeFile(target, text);
process.stdout.write(`wrote ${target}\n`);
