import type { DriftCategory, DriftFinding, DriftReport } from '../../../shared/drift-report-schema';
import { DRIFT_CATEGORIES } from '../../../shared/drift-report-schema';
import { quoteArg } from '../staging/shell-quote';

const CATEGORY_TITLES: Record<DriftCategory, string> = {
  image: 'Images',
  service: 'Services',
  config: 'Configuration',
  data: 'Data',
  runtime: 'Runtimes',
  health: 'Health payloads',
  host: 'This machine',
};

/**
 * The report as one self-contained page a person can open from a CI artifact: inline CSS, no script, no
 * external resource, and a CSP that forbids both in case anything slipped through. Every value in it
 * comes from containers, staging or the contract, so every value is escaped.
 */
export function reportHtml(report: DriftReport): string {
  const errors = count(report, 'error');
  const warnings = count(report, 'warning');
  const passedChecks = report.checks.filter((check) => check.passed).length;
  const groups = DRIFT_CATEGORIES.map((category) => ({
    category,
    findings: report.findings.filter((finding) => finding.category === category),
  })).filter((group) => group.findings.length > 0);

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Parity drift report — ${esc(report.project)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Parity drift report</h1>
<p class="verdict ${report.passed ? 'pass' : 'fail'}">${report.passed ? 'Passed' : 'Failed'}</p>
<p class="score">Score <strong>${percent(report.score)}</strong> against a threshold of ${percent(report.threshold)} (${esc(THRESHOLD_SOURCE[report.thresholdSource])}) · ${errors} ${plural(errors, 'error')}, ${warnings} ${plural(warnings, 'warning')} · ${passedChecks} of ${report.checks.length} checks passed</p>
<dl>
<dt>Project</dt><dd>${esc(report.project)}</dd>
<dt>Workspace</dt><dd>${esc(report.workspace)}</dd>
<dt>Compared with</dt><dd>${report.staging === null ? 'parity.yml only' : `parity.yml and staging (${esc(report.staging.target)}, project ${esc(report.staging.project)})`}</dd>
<dt>Time</dt><dd>${esc(report.time)}</dd>
</dl>
</header>
<main>
${groups.length === 0 ? '<p class="none">No differences found.</p>' : groups.map((group) => section(group.category, group.findings)).join('\n')}
<details>
<summary>All ${report.checks.length} checks</summary>
<table class="checks">
<thead><tr><th>check</th><th>weight</th><th>result</th></tr></thead>
<tbody>
${report.checks.map((check) => `<tr><td><code>${esc(check.id)}</code></td><td>${check.weight}</td><td class="${check.passed ? 'ok' : 'bad'}">${check.passed ? 'passed' : 'failed'}</td></tr>`).join('\n')}
</tbody>
</table>
</details>
</main>
</body>
</html>
`;
}

function section(category: DriftCategory, findings: readonly DriftFinding[]): string {
  return `<section>
<h2>${CATEGORY_TITLES[category]}</h2>
${findings.map(article).join('\n')}
</section>`;
}

function article(finding: DriftFinding): string {
  const { remediation: fix, evidence } = finding;
  const sides = (['expected', 'local', 'staging'] as const).filter((side) => evidence[side] !== undefined);
  return `<article class="finding ${finding.severity}">
<h3><span class="severity">${finding.severity}</span> <code>${esc(finding.kind)}</code>${finding.service === null ? '' : ` <span class="service">${esc(finding.service)}</span>`}</h3>
<p>${esc(finding.message)}</p>
${
  sides.length === 0
    ? ''
    : `<table class="evidence">
<thead><tr>${sides.map((side) => `<th>${side}</th>`).join('')}</tr></thead>
<tbody><tr>${sides.map((side) => `<td><pre>${esc(JSON.stringify(evidence[side], null, 2))}</pre></td>`).join('')}</tr></tbody>
</table>`
}
<div class="fix">
<h4>${esc(fix.title)}</h4>
<p>${esc(fix.why)}</p>
${fix.steps.length === 0 ? '' : `<ol>${fix.steps.map((step) => `<li>${esc(step)}</li>`).join('')}</ol>`}
${fix.command === null ? '' : `<pre class="command">$ ${esc(fix.command)}</pre>`}
${fix.action === null ? '' : `<p class="action">Automated: <code>npx parity fix ${esc(quoteArg(finding.id))}</code> (${esc(fix.action)})</p>`}
</div>
<p class="id">${esc(finding.id)}</p>
</article>`;
}

const THRESHOLD_SOURCE: Record<DriftReport['thresholdSource'], string> = {
  flag: 'from --threshold',
  contract: 'from parity.yml',
  default: 'the default',
};

/** Escapes text for element content and quoted attribute values alike. */
export function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function count(report: DriftReport, severity: DriftFinding['severity']): number {
  return report.findings.filter((finding) => finding.severity === severity).length;
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

const STYLE = `
:root { color-scheme: light dark; --bad: #c62828; --warn: #b26a00; --ok: #2e7d32; --line: #8884; }
body { font: 15px/1.5 system-ui, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; }
h1 { margin: 0 0 .5rem; }
.verdict { display: inline-block; padding: .2rem .8rem; border-radius: 1rem; color: #fff; font-weight: 600; }
.verdict.pass { background: var(--ok); } .verdict.fail { background: var(--bad); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dt { font-weight: 600; } dd { margin: 0; word-break: break-all; }
section { margin-top: 2rem; }
.finding { border: 1px solid var(--line); border-left: 6px solid var(--line); border-radius: 6px; padding: .5rem 1rem; margin: 1rem 0; }
.finding.error { border-left-color: var(--bad); } .finding.warning { border-left-color: var(--warn); }
.severity { text-transform: uppercase; font-size: .75rem; letter-spacing: .05em; }
.error .severity { color: var(--bad); } .warning .severity { color: var(--warn); }
h3 { margin: .2rem 0; font-size: 1rem; } h4 { margin: .5rem 0 0; }
.service { font-weight: normal; padding: 0 .4rem; border: 1px solid var(--line); border-radius: 4px; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
pre { margin: 0; white-space: pre-wrap; word-break: break-all; font-size: .85rem; }
.command { background: #8881; padding: .4rem .6rem; border-radius: 4px; margin: .5rem 0; }
.id { color: #888; font-size: .8rem; margin: .3rem 0 0; }
.checks td.ok { color: var(--ok); } .checks td.bad { color: var(--bad); }
details { margin-top: 2rem; }
`;
