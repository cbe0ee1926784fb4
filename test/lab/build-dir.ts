import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderTemplate } from './template.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** A fresh, empty build context directory under the lab cache. */
export function freshBuildDir(cache: string, name: string): string {
  const dir = join(cache, 'build', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function renderFixture(relativePath: string, values: Readonly<Record<string, string>>): string {
  return renderTemplate(
    readFileSync(join(FIXTURES, relativePath), 'utf8'),
    values,
    `fixture ${relativePath}`,
  );
}
