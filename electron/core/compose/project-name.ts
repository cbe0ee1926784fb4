const VALID = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * What Compose does with a folder name it uses as the project name: lowercase, keep only [a-z0-9_-],
 * and drop leading `_` and `-` (compose-go's NormalizeProjectName).
 */
export function normaliseProjectName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[_-]+/, '');
}

/** Names given on purpose (an option, COMPOSE_PROJECT_NAME, `name:`) are checked, not rewritten. */
export function isValidProjectName(name: string): boolean {
  return VALID.test(name);
}

export const PROJECT_NAME_RULE =
  'a project name is lowercase letters, digits, "_" and "-", and starts with a letter or a digit';
