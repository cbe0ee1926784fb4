import type { DriftInput } from './drift-input';

/**
 * The services a report speaks about: those parity.yml pins, and whatever runs on either side. Sorted, so
 * findings come out in the same order every run.
 */
export function servicesInScope(input: DriftInput): string[] {
  const names = new Set([
    ...Object.keys(input.contract.images),
    ...Object.keys(input.local.services),
    ...Object.keys(input.staging?.services ?? {}),
  ]);
  return [...names].sort();
}
