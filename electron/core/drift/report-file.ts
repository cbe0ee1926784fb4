import { extname } from 'node:path';
import type { DriftReport } from '../../../shared/drift-report-schema';
import { writeOutputFile } from '../output-file';
import { ParityError } from '../parity-error';
import { reportHtml } from './report-html';

export type ReportFormat = 'json' | 'html';

/** The format a --report path asks for, by its extension; anything else is refused before the check runs. */
export function reportFormatOf(path: string): ReportFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.html' || ext === '.htm') return 'html';
  throw new ParityError(
    'invalid-request',
    `--report ${path}: the report is written as JSON (.json) or as a page (.html), not "${ext || 'no extension'}".`,
    'Name the file drift.json or drift.html.',
  );
}

export function renderReport(report: DriftReport, format: ReportFormat): string {
  return format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : reportHtml(report);
}

/** Written beside its final name and renamed (see writeOutputFile), so CI never uploads half a report. */
export async function writeReport(path: string, report: DriftReport): Promise<void> {
  await writeOutputFile(path, renderReport(report, reportFormatOf(path)));
}
