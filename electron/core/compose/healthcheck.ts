import type { Diagnostics } from './diagnostics';
import { DURATION_HINT, parseDuration } from './duration';
import type { KeyPath } from './key-path';
import type { Healthcheck } from './model';
import type { RawHealthcheck } from './raw-compose';

const TEST_KINDS = ['NONE', 'CMD', 'CMD-SHELL'];

/**
 * Puts a healthcheck in the Engine's terms: the test as ["CMD", …], ["CMD-SHELL", "…"] or ["NONE"]
 * (a plain string is shell form; `disable: true` is NONE) and every duration in nanoseconds.
 */
export function normaliseHealthcheck(
  raw: RawHealthcheck | undefined,
  path: KeyPath,
  diagnostics: Diagnostics,
): Healthcheck | null {
  if (raw === undefined) return null;
  const duration = (key: keyof RawHealthcheck & string, text: string | undefined): number | null => {
    if (text === undefined) return null;
    const nanos = parseDuration(text);
    if (nanos === undefined)
      diagnostics.problem([...path, key], `${JSON.stringify(text)} is not a duration: ${DURATION_HINT}`);
    return nanos ?? null;
  };
  return {
    test: raw.disable === true ? ['NONE'] : testOf(raw.test, [...path, 'test'], diagnostics),
    interval: duration('interval', raw.interval),
    timeout: duration('timeout', raw.timeout),
    startPeriod: duration('start_period', raw.start_period),
    startInterval: duration('start_interval', raw.start_interval),
    retries: raw.retries ?? null,
  };
}

function testOf(
  test: string | string[] | undefined,
  path: KeyPath,
  diagnostics: Diagnostics,
): string[] | null {
  if (test === undefined) return null;
  if (typeof test === 'string') return ['CMD-SHELL', test];
  // An empty list means "use the image's own HEALTHCHECK", as in the Engine.
  if (test.length === 0) return null;
  const [kind] = test;
  if (kind === undefined || !TEST_KINDS.includes(kind)) {
    diagnostics.problem(
      path,
      `a test list starts with CMD, CMD-SHELL or NONE, not ${JSON.stringify(kind)} (for a shell command write a string)`,
    );
    return null;
  }
  if (kind === 'CMD-SHELL' && test.length !== 2) {
    diagnostics.problem(path, 'CMD-SHELL takes exactly one string: the shell command');
  }
  return test;
}
