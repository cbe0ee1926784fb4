import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The lint rules that keep the architecture (DESIGN.md) are themselves tested: each must fire.
// Snippets are not files of a TypeScript project, so the type-aware parts are switched off here.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: {
    languageOptions: { parserOptions: { project: null } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
    },
  },
});

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it('electron/core never imports Electron or the shell', async () => {
    expect(
      await restrictedImports(
        'electron/core/engine/x.ts',
        `import { app } from 'electron';\nexport const a = app;\n`,
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        'electron/core/engine/x.ts',
        `import { bindIpc } from '../../ipc';\nexport const a = bindIpc;\n`,
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        'electron/core/engine/x.ts',
        `import { readFile } from 'node:fs';\nexport const a = readFile;\n`,
      ),
    ).toHaveLength(0);
  });

  it('the renderer never imports electron/', async () => {
    expect(
      await restrictedImports(
        'renderer/src/x.ts',
        `import { dispatch } from '../../electron/api-dispatch';\nexport const a = dispatch;\n`,
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        'renderer/src/x.ts',
        `import { buildApi } from '../../shared/api-client';\nexport const a = buildApi;\n`,
      ),
    ).toHaveLength(0);
  });

  it('shared imports neither side', async () => {
    expect(
      await restrictedImports(
        'shared/x.ts',
        `import { App } from '../renderer/src/app';\nexport const a = App;\n`,
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        'shared/x.ts',
        `import { dispatch } from '../electron/api-dispatch';\nexport const a = dispatch;\n`,
      ),
    ).toHaveLength(1);
  });
});
