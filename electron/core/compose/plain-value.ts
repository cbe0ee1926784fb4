/** A compose document after YAML: what JSON can hold, so the schema and the hashes see the same thing. */
export type PlainValue = string | number | boolean | null | PlainValue[] | PlainMap;

export interface PlainMap {
  [key: string]: PlainValue;
}

export function isPlainMap(value: PlainValue | undefined): value is PlainMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
