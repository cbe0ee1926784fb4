import { builtinModules } from 'node:module';
import * as asar from '@electron/asar';

interface Manifest {
  name?: string;
  main?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** An app.asar read once: its file list (POSIX, no leading slash) and the packages under node_modules. */
export class AsarContents {
  readonly files: Set<string>;
  /** Package folder (e.g. node_modules/ssh2, node_modules/a/node_modules/b) → its package.json. */
  readonly packages = new Map<string, Manifest>();

  constructor(readonly archive: string) {
    this.files = new Set(
      asar.listPackage(archive, { isPack: false }).map((p) => p.replace(/\\/g, '/').replace(/^\//, '')),
    );
    for (const file of this.files) {
      const match = /^(?:.*\/)?node_modules\/(?:@[^/]+\/)?[^/]+\/package\.json$/.exec(file);
      if (match) this.packages.set(file.slice(0, -'/package.json'.length), this.json(file));
    }
  }

  text(file: string): string {
    return asar.extractFile(this.archive, file).toString('utf8');
  }

  json(file: string): Manifest {
    return JSON.parse(this.text(file)) as Manifest;
  }

  has(file: string): boolean {
    return this.files.has(file);
  }

  /** Names of the packages at any depth, for "is this anywhere in the archive". */
  packageNames(): Set<string> {
    return new Set([...this.packages.keys()].map((folder) => folder.replace(/^.*node_modules\//, '')));
  }

  /** Node's lookup: from a package folder up through each enclosing node_modules to the root one. */
  resolvePackage(name: string, from = ''): string | undefined {
    let folder = from;
    for (;;) {
      const candidate = folder ? `${folder}/node_modules/${name}` : `node_modules/${name}`;
      if (this.packages.has(candidate)) return candidate;
      if (!folder) return undefined;
      const up = folder.lastIndexOf('/node_modules/');
      folder = up < 0 ? '' : folder.slice(0, up);
    }
  }

  /** Every required (non-optional) dependency of every packed package that Node could not find in the archive. */
  unresolvedDependencies(): string[] {
    const missing: string[] = [];
    for (const [folder, manifest] of this.packages) {
      const optional = new Set(Object.keys(manifest.optionalDependencies ?? {}));
      for (const name of Object.keys(manifest.dependencies ?? {})) {
        if (!optional.has(name) && !this.resolvePackage(name, folder)) missing.push(`${folder} → ${name}`);
      }
    }
    return missing;
  }

  /** Who among the packed packages depends on this name (to tell a transitive runtime need from a dev leak). */
  dependents(name: string): string[] {
    return [...this.packages]
      .filter(
        ([, manifest]) =>
          name in (manifest.dependencies ?? {}) || name in (manifest.optionalDependencies ?? {}),
      )
      .map(([folder]) => folder);
  }
}

const BUILTINS = new Set(builtinModules);

/** The packages a built ES module imports by bare name (not node: built-ins, not electron). */
export function bareImports(code: string): string[] {
  const specifiers = [
    ...code.matchAll(/^\s*(?:import|export)\s(?:[^'"`;]*?\sfrom\s*)?["']([^"']+)["']/gm),
    ...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
    ...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g),
  ].map((match) => match[1] ?? '');
  const packages = specifiers
    .filter((s) => s && !s.startsWith('.') && !s.startsWith('/') && !s.startsWith('node:'))
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : (s.split('/')[0] ?? s)))
    .filter((name) => name !== 'electron' && !BUILTINS.has(name));
  return [...new Set(packages)].sort();
}
