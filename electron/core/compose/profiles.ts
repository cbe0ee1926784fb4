/**
 * Compose's rule: a service without profiles always runs; one with profiles runs when one of them is
 * active (or `*` is), or when it is targeted by name, the way `docker compose up tool` starts a service
 * whose profile is off.
 */
export function isServiceEnabled(
  serviceProfiles: readonly string[],
  active: ReadonlySet<string>,
  targeted: boolean,
): boolean {
  if (serviceProfiles.length === 0 || targeted || active.has('*')) return true;
  return serviceProfiles.some((profile) => active.has(profile));
}

/** COMPOSE_PROFILES is a comma-separated list; Compose reads it when no profiles are given explicitly. */
export function profilesFromEnv(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((profile) => profile.trim())
    .filter((profile) => profile !== '');
}
