/**
 * The resolved, typed shape of a compose project: variables interpolated, short forms expanded, paths
 * absolute, sizes in bytes and durations in nanoseconds (the Engine API's units). Absent settings are
 * null rather than missing, so two models compare and hash the same whichever way they were written.
 */
export interface ComposeModel {
  /** The Compose project name: containers, volumes and networks are prefixed with it. */
  name: string;
  /** Profiles that were active when the model was resolved, sorted. */
  profiles: string[];
  /** Only the services that are enabled under those profiles. */
  services: Record<string, ComposeService>;
  /** Services defined in the file but left out because none of their profiles is active. */
  disabledServices: string[];
  volumes: Record<string, ComposeVolume>;
  networks: Record<string, ComposeNetwork>;
}

export interface ComposeService {
  name: string;
  image: string | null;
  build: ComposeBuild | null;
  /** A string is the shell form, kept as written; an array is the exec form. */
  command: string | string[] | null;
  entrypoint: string | string[] | null;
  /** env_file contents overlaid by `environment`, which wins, as in Compose. */
  environment: Record<string, string>;
  ports: PortMapping[];
  volumes: VolumeMount[];
  /** Networks the service joins; `default` when the file names none (unless network_mode is set). */
  networks: Record<string, ServiceNetwork>;
  networkMode: string | null;
  labels: Record<string, string>;
  healthcheck: Healthcheck | null;
  restart: string | null;
  user: string | null;
  workingDir: string | null;
  platform: string | null;
  containerName: string | null;
  resources: ResourceLimits;
  dependsOn: Record<string, Dependency>;
  profiles: string[];
}

export interface ComposeBuild {
  /** Absolute folder, or the URL as written for a remote (git or http) context. */
  context: string;
  dockerfile: string;
  args: Record<string, string>;
  target: string | null;
}

export type PortProtocol = 'tcp' | 'udp' | 'sctp';

export interface PortMapping {
  /** null publishes on every interface, as Docker does without a host IP. */
  hostIp: string | null;
  /** A port or a range (`8000-8010`), as the Engine's HostPort takes it; null lets the Engine choose. */
  published: string | null;
  target: number;
  protocol: PortProtocol;
}

export interface VolumeMount {
  type: 'volume' | 'bind' | 'tmpfs';
  /** Bind: an absolute host path. Volume: the key under top-level `volumes`, or null when anonymous. */
  source: string | null;
  target: string;
  readOnly: boolean;
}

export interface ServiceNetwork {
  aliases: string[];
  ipv4Address: string | null;
  ipv6Address: string | null;
}

export interface Healthcheck {
  /** The Engine's form: ["CMD", …], ["CMD-SHELL", "…"] or ["NONE"]; null keeps the image's own test. */
  test: string[] | null;
  /** Nanoseconds. */
  interval: number | null;
  timeout: number | null;
  startPeriod: number | null;
  startInterval: number | null;
  retries: number | null;
}

export interface ResourceLimits {
  nanoCpus: number | null;
  memoryBytes: number | null;
}

export type DependencyCondition = 'service_started' | 'service_healthy' | 'service_completed_successfully';

export interface Dependency {
  condition: DependencyCondition;
  /** Restart this service when the dependency is updated. */
  restart: boolean;
  /** When false, a dependency that is missing or disabled is only a warning. */
  required: boolean;
}

export interface ComposeVolume {
  /** The Engine-side name: `<project>_<key>` unless `name:` is given or the volume is external. */
  name: string;
  external: boolean;
  driver: string | null;
  driverOpts: Record<string, string>;
  labels: Record<string, string>;
}

export interface ComposeNetwork {
  name: string;
  external: boolean;
  driver: string | null;
  driverOpts: Record<string, string>;
  internal: boolean;
  labels: Record<string, string>;
}
