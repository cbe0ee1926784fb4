import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * docs/reliability.md is written by the faults suite itself: each test file records one row per scenario
 * (what was injected, what Parity must do, what it did, the test's name) and, after its last test, replaces
 * its own section of the file. Rows hold only deterministic words (exit codes, the place named), never
 * timings, so a run on an unchanged tree rewrites the committed file byte for byte.
 */
export interface ReliabilityRow {
  scenario: string;
  expected: string;
  observed: string;
  test: string;
}

const FILE = resolve('docs/reliability.md');
const HEADER = `# Reliability: faults Parity is tested against

Written by \`npm run test:faults\` (test/faults/) from its own results — do not edit by hand. Each row is
one injected fault or bad input against the real parts (the lab's engine, the CLI as built, the browser-mode
host); the test named in the last column fails if the behaviour regresses.
`;

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function section(key: string, title: string, rows: readonly ReliabilityRow[]): string {
  const lines = [
    `<!-- section: ${key} -->`,
    `## ${title}`,
    '',
    '| Scenario | Expected | Observed | Test |',
    '| --- | --- | --- | --- |',
    ...rows.map(
      (r) => `| ${cell(r.scenario)} | ${cell(r.expected)} | ${cell(r.observed)} | ${cell(r.test)} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

/** Sections already in the file, by key, so one test file rewrites only its own. */
function existingSections(): Map<string, string> {
  const sections = new Map<string, string>();
  if (!existsSync(FILE)) return sections;
  const parts = readFileSync(FILE, 'utf8').split(/(?=<!-- section: )/);
  for (const part of parts) {
    const match = /^<!-- section: ([\w-]+) -->/.exec(part);
    if (match?.[1]) sections.set(match[1], part.trimEnd() + '\n');
  }
  return sections;
}

/** One test file's table: `record` as scenarios pass, `write` in afterAll. */
export function reliabilityTable(key: string, title: string) {
  const rows: ReliabilityRow[] = [];
  return {
    record(row: ReliabilityRow): void {
      rows.push(row);
    },
    write(): void {
      // Rows in the order the scenarios are declared, whatever order they finished in.
      const sections = existingSections();
      sections.set(
        key,
        section(
          key,
          title,
          [...rows].sort((a, b) => a.test.localeCompare(b.test)),
        ),
      );
      const body = [...sections.keys()]
        .sort()
        .map((k) => sections.get(k))
        .join('\n');
      writeFileSync(FILE, `${HEADER}\n${body}`);
    },
  };
}
