import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * Our window policy, checked on the TypeScript sources themselves. Electronegativity covers most of it, but
 * it does not flag `nodeIntegration: true` next to `sandbox: true` (the sandbox does switch Node off, so it is not
 * exploitable today), and it rates an explicit `nodeIntegration: true` only INFORMATIONAL. We want the source to
 * say what runs: every window's webPreferences is an inline literal, isolation and sandbox are spelled out, and
 * nothing that weakens them appears at all.
 */
const REQUIRED: Record<string, boolean> = { contextIsolation: true, sandbox: true };
const FORBIDDEN_VALUES: Record<string, boolean> = {
  nodeIntegration: true,
  nodeIntegrationInWorker: true,
  nodeIntegrationInSubFrames: true,
  webSecurity: false,
  allowRunningInsecureContent: true,
  experimentalFeatures: true,
  webviewTag: true,
  enableWebSQL: true,
};
const FORBIDDEN_KEYS = ['enableBlinkFeatures'];
const WINDOW_CLASSES = new Set(['BrowserWindow', 'BrowserView', 'WebContentsView']);

export interface PolicyViolation {
  file: string;
  line: number;
  message: string;
}

export interface PolicyReport {
  /** How many window constructions were checked: zero means the check saw nothing. */
  windows: number;
  violations: PolicyViolation[];
}

export async function checkWebPreferences(root: string, folder: string): Promise<PolicyReport> {
  const report: PolicyReport = { windows: 0, violations: [] };
  for (const path of await typeScriptFiles(join(root, folder))) {
    const source = ts.createSourceFile(path, await readFile(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const file = relative(root, path);
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && WINDOW_CLASSES.has(className(node.expression) ?? '')) {
        report.windows += 1;
        report.violations.push(...checkWindow(node, source, file));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return report;
}

function checkWindow(node: ts.NewExpression, source: ts.SourceFile, file: string): PolicyViolation[] {
  const at = (n: ts.Node, message: string): PolicyViolation => ({
    file,
    line: source.getLineAndCharacterOfPosition(n.getStart(source)).line + 1,
    message,
  });
  const options = node.arguments?.[0];
  if (!options || !ts.isObjectLiteralExpression(options)) {
    return [at(node, 'window options must be an inline object literal, so they can be checked')];
  }
  const webPreferences = property(options, 'webPreferences');
  if (!webPreferences || !ts.isObjectLiteralExpression(webPreferences)) {
    return [
      at(node, 'webPreferences must be an inline object literal that sets contextIsolation and sandbox'),
    ];
  }
  const violations: PolicyViolation[] = [];
  for (const element of webPreferences.properties) {
    if (!ts.isPropertyAssignment(element)) {
      violations.push(at(element, 'webPreferences may hold only plain `key: literal` entries'));
    }
  }
  for (const [key, wanted] of Object.entries(REQUIRED)) {
    const value = property(webPreferences, key);
    if (!value || literal(value) !== wanted)
      violations.push(at(value ?? node, `${key} must be set to ${wanted}`));
  }
  for (const [key, bad] of Object.entries(FORBIDDEN_VALUES)) {
    const value = property(webPreferences, key);
    if (value && literal(value) !== !bad) violations.push(at(value, `${key} must be absent or ${!bad}`));
  }
  for (const key of FORBIDDEN_KEYS) {
    const value = property(webPreferences, key);
    if (value) violations.push(at(value, `${key} must not be used`));
  }
  return violations;
}

function className(expression: ts.Expression): string | undefined {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  return undefined;
}

function property(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const element of object.properties) {
    if (ts.isPropertyAssignment(element) && propertyName(element.name) === name) return element.initializer;
  }
  return undefined;
}

function propertyName(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

/** true or false for a boolean literal; undefined for anything that would need evaluating. */
function literal(value: ts.Expression): boolean | undefined {
  if (value.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (value.kind === ts.SyntaxKind.FalseKeyword) return false;
  return undefined;
}

async function typeScriptFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

export function formatViolations(violations: PolicyViolation[]): string {
  return violations.map((v) => `${v.file}:${v.line}: ${v.message}`).join('\n');
}
