import { writeFile } from 'node:fs/promises';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { ComposeError } from '../../electron/core/compose/compose-error';
import { loadCompose } from '../../electron/core/compose/load-compose';
import { tempProject } from '../fixtures/compose/temp-project';

/**
 * Whatever text a developer saves, loading it either gives a model or a ComposeError naming problems;
 * any other exception is a bug in the loader.
 */
describe('loadCompose on arbitrary input', () => {
  const project = tempProject({});
  afterAll(() => project.remove());

  async function outcome(text: string): Promise<'model' | 'problems'> {
    await writeFile(project.file, text);
    try {
      await loadCompose({ file: project.file, env: { HOME: '/home/dev' } });
      return 'model';
    } catch (error) {
      if (error instanceof ComposeError && error.problems.length > 0) return 'problems';
      throw error;
    }
  }

  it('never throws anything but ComposeError on random text', async () => {
    const yamlish = fc.stringMatching(/^[a-z0-9 :\-\n\t[\]{}"'&*<|>#$.,!%@`~/]{0,80}$/);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), yamlish), async (text) => {
        await outcome(text);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('never throws anything but ComposeError on random documents shaped like compose files', async () => {
    const key = fc.constantFrom(
      'image',
      'build',
      'command',
      'ports',
      'volumes',
      'environment',
      'env_file',
      'depends_on',
      'healthcheck',
      'networks',
      'labels',
      'deploy',
      'profiles',
      'restart',
      'x-ext',
      'secrets',
      'test',
      'interval',
      'target',
      'published',
      'type',
      'source',
      'condition',
      'required',
      'resources',
      'limits',
      '__proto__',
      'constructor',
      'memory',
      'cpus',
      'app',
      'db',
    );
    const scalar = fc.oneof(
      fc.constantFrom(
        'app:1',
        '8080:80',
        './data:/data',
        'db',
        '1m30s',
        'x',
        '',
        '${X:-1}',
        '$$',
        'service_healthy',
      ),
      fc.integer({ min: -2, max: 70_000 }),
      fc.boolean(),
      fc.constant(null),
    );
    const value = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        scalar,
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(key, tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    const service = fc.dictionary(key, value, { maxKeys: 5 });
    const document = fc.record(
      {
        services: fc.dictionary(fc.constantFrom('app', 'db', 'worker'), service, { maxKeys: 3 }),
        volumes: value,
      },
      { requiredKeys: ['services'] },
    );
    let models = 0;
    await fc.assert(
      fc.asyncProperty(document, async (doc) => {
        if ((await outcome(stringify(doc))) === 'model') models++;
      }),
      { numRuns: 300 },
    );
    // The generator must reach the model-building code, not only the error paths.
    expect(models).toBeGreaterThan(0);
  }, 60_000);
});
