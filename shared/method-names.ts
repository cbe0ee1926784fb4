/**
 * Every method of the API, named `service:method`. Kept free of zod so the sandboxed preload can build
 * `window.parity` from this list without bundling the schemas (validation happens on the main side).
 */
export const methodNames = [
  'app:info',
  'engine:version',
  'containers:list',
  'logs:follow',
  'stream:cancel',
  'exec:open',
  'exec:input',
  'exec:resize',
  'host:doctor',
  'seed:run',
  'workspace:open',
  'workspace:recent',
  'images:pull',
  'stack:up',
  'drift:check',
  'drift:last',
  'drift:digests',
  'remediation:apply',
  'staging:hostKey',
  'staging:trustHost',
  'wizard:state',
  'wizard:save',
  'settings:get',
  'settings:save',
  // Baselines and one-click reset (the Reset screen).
  'baseline:list',
  'baseline:save',
  'rollback:run',
  'rollback:undo',
] as const;

export type MethodName = (typeof methodNames)[number];

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && (methodNames as readonly string[]).includes(value);
}
