/**
 * Credentials for one registry, as the Docker config holds them: a user and password, or an identity
 * token (an OAuth2 refresh token `docker login` got from a registry that issues them). Never logged.
 */
export interface RegistryCredentials {
  username: string | undefined;
  password: string | undefined;
  identityToken: string | undefined;
  /** Where they came from, for messages: "/home/me/.docker/config.json" or "docker-credential-pass". */
  source: string;
}

/** Looks credentials up by registry (`docker.io`, `127.0.0.1:5001`); injectable so tests choose. */
export interface CredentialStore {
  /** Where lookups go, for the message when there are none: "/home/me/.docker/config.json". */
  readonly origin: string;
  lookup(domain: string): Promise<RegistryCredentials | undefined>;
}

export const NO_CREDENTIALS: CredentialStore = {
  origin: 'no credential store',
  lookup: () => Promise.resolve(undefined),
};
