import type { FindingEvidence } from '../../../../shared/drift-report-schema';

export const EVIDENCE_SIDES = ['expected', 'local', 'staging'] as const;
export type EvidenceSide = (typeof EVIDENCE_SIDES)[number];

/** One line of a side's evidence, and whether another side shows something else there. */
export interface EvidenceLine {
  text: string;
  differs: boolean;
}

export type EvidenceColumns = Partial<Record<EvidenceSide, EvidenceLine[]>>;

/**
 * The evidence side by side, one column per side the finding has, each value as indented JSON lines. A line
 * is marked as differing when some other column lacks it: a changed scalar, a key only one side has, an
 * array item missing on the other side. Comparing lines, not structures, keeps it right for every shape the
 * checks produce (strings, key lists, maps of salted hashes) without knowing which check made it.
 */
export function evidenceColumns(evidence: FindingEvidence): EvidenceColumns {
  const present = EVIDENCE_SIDES.filter((side) => evidence[side] !== undefined);
  const lines = Object.fromEntries(present.map((side) => [side, linesOf(evidence[side])])) as Record<
    EvidenceSide,
    string[]
  >;
  const sets = Object.fromEntries(present.map((side) => [side, new Set(lines[side].map(key))])) as Record<
    EvidenceSide,
    Set<string>
  >;
  const columns: EvidenceColumns = {};
  for (const side of present) {
    const others = present.filter((other) => other !== side);
    columns[side] = lines[side].map((text) => ({
      text,
      differs: others.some((other) => !sets[other].has(key(text))),
    }));
  }
  return columns;
}

function linesOf(value: unknown): string[] {
  if (value === null) return ['(none)'];
  if (typeof value === 'string') return [value];
  return JSON.stringify(value, null, 2).split('\n');
}

/** Lines compare without indentation and a trailing comma: the last item of a list has none. */
function key(line: string): string {
  return line.trim().replace(/,$/, '');
}
