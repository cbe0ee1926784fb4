import { z } from 'zod';
import { parityContractSchema } from '../../../shared/parity-schema';

/**
 * A name, not an address: nothing is hosted yet, so a URL here would promise a download that fails. Editors
 * are pointed at the file itself (`# yaml-language-server: $schema=…/parity.schema.json`).
 */
export const CONTRACT_SCHEMA_ID = 'urn:parity:contract:v1';

/**
 * parity.yml's schema as JSON Schema, for editors to complete and check the file as it is typed. Generated
 * from the zod schema, so the two can not disagree. `io: 'input'` describes the file as written (keys with
 * defaults are optional); draft-07 because that is what the YAML and JSON language servers support best.
 */
export function contractJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(parityContractSchema, { io: 'input', target: 'draft-07' }),
    $id: CONTRACT_SCHEMA_ID,
    title: 'Parity contract (parity.yml)',
  };
}
