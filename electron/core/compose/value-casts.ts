import { matchesPattern, type KeyPath } from './key-path';
import type { PlainValue } from './plain-value';

type Cast = (text: string) => PlainValue;

const toInt: Cast = (text) => (/^[+-]?\d+$/.test(text.trim()) ? Number(text) : text);
const toIntOrRange: Cast = (text) => (/^\d+$/.test(text.trim()) ? Number(text) : text);
const toBool: Cast = (text) => {
  const word = text.trim().toLowerCase();
  if (['y', 'yes', 'true', 'on'].includes(word)) return true;
  if (['n', 'no', 'false', 'off'].includes(word)) return false;
  return text;
};

/**
 * Interpolation always yields text, so `retries: ${RETRIES:-3}` would fail a schema that wants a number.
 * Compose converts the values at these paths back to their types after interpolation (compose-go's
 * interpolation casts); text that does not convert is left for the schema to report.
 */
const CASTS: readonly (readonly [string, Cast])[] = [
  ['services.*.ports.[].target', toInt],
  ['services.*.ports.[].published', toIntOrRange],
  ['services.*.healthcheck.retries', toInt],
  ['services.*.healthcheck.disable', toBool],
  ['services.*.deploy.replicas', toInt],
  ['services.*.scale', toInt],
  ['services.*.cpu_count', toInt],
  ['services.*.mem_swappiness', toInt],
  ['services.*.oom_score_adj', toInt],
  ['services.*.init', toBool],
  ['services.*.oom_kill_disable', toBool],
  ['services.*.privileged', toBool],
  ['services.*.read_only', toBool],
  ['services.*.stdin_open', toBool],
  ['services.*.tty', toBool],
  ['services.*.volumes.[].read_only', toBool],
  ['services.*.depends_on.*.required', toBool],
  ['services.*.depends_on.*.restart', toBool],
  ['services.*.env_file.[].required', toBool],
  ['networks.*.external', toBool],
  ['networks.*.internal', toBool],
  ['networks.*.attachable', toBool],
  ['networks.*.enable_ipv6', toBool],
  ['volumes.*.external', toBool],
  ['secrets.*.external', toBool],
  ['configs.*.external', toBool],
];
const PATTERNS = CASTS.map(([pattern, cast]) => [pattern.split('.'), cast] as const);

export function castInterpolated(path: KeyPath, text: string): PlainValue {
  const rule = PATTERNS.find(([pattern]) => matchesPattern(path, pattern));
  return rule === undefined ? text : rule[1](text);
}
