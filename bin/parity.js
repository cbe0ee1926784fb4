#!/usr/bin/env node
// `npx parity …` from the repo root: runs the built CLI (out/main/cli.js), or says how to build it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('parity: the CLI is not built yet. Build it with: npm run build\n');
  process.exit(2);
}
await import(cli);
