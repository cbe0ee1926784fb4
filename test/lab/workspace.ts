import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { syncTree } from './sync-tree.js';
import { renderTemplate } from './template.js';

const TEMPLATE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'workspace-template');

export type WorkspaceValues = Readonly<Record<'APP_IMAGE' | 'DB_IMAGE' | 'HOST_KEY' | 'SSH_PORT', string>>;

/**
 * Renders the template into the workspace. Unchanged files are left as they are, and files
 * the template does not know (a developer's .env) stay.
 */
export function writeWorkspace(target: string, values: WorkspaceValues): number {
  return syncTree(TEMPLATE_DIR, target, (text, source) => renderTemplate(text, values, source));
}
