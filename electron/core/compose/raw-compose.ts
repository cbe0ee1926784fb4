/**
 * The compose document as the (patched) Compose Specification schema guarantees it after validation:
 * every short and long form still present. Only the keys Parity reads are spelled out.
 */
export type RawScalar = string | number | boolean | null;
export type RawListOrDict = string[] | { [key: string]: RawScalar };

export interface RawCompose {
  name?: string;
  services?: { [name: string]: RawService };
  networks?: { [name: string]: RawNetwork | null };
  volumes?: { [name: string]: RawVolume | null };
}

export interface RawService {
  image?: string;
  build?: string | RawBuild;
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: RawListOrDict;
  env_file?: string | (string | RawEnvFile)[];
  ports?: (number | string | RawPort)[];
  volumes?: (string | RawVolumeMount)[];
  networks?: string[] | { [name: string]: RawServiceNetwork | null };
  network_mode?: string;
  labels?: RawListOrDict;
  healthcheck?: RawHealthcheck;
  restart?: string;
  user?: string;
  working_dir?: string;
  platform?: string;
  container_name?: string;
  deploy?: RawDeploy | null;
  depends_on?: string[] | { [name: string]: RawDependency };
  profiles?: string[];
}

export interface RawBuild {
  context?: string;
  dockerfile?: string;
  args?: RawListOrDict;
  target?: string;
}

export interface RawEnvFile {
  path: string;
  required?: boolean;
}

export interface RawPort {
  target?: number;
  published?: number | string;
  host_ip?: string;
  protocol?: string;
}

export interface RawVolumeMount {
  type: string;
  source?: string;
  target?: string;
  read_only?: boolean;
}

export interface RawServiceNetwork {
  aliases?: string[];
  ipv4_address?: string;
  ipv6_address?: string;
}

export interface RawHealthcheck {
  disable?: boolean;
  test?: string | string[];
  interval?: string;
  timeout?: string;
  start_period?: string;
  start_interval?: string;
  retries?: number;
}

export interface RawDeploy {
  resources?: { limits?: { cpus?: number | string; memory?: string | number } };
}

export interface RawDependency {
  condition: 'service_started' | 'service_healthy' | 'service_completed_successfully';
  restart?: boolean;
  required?: boolean;
}

export interface RawNetwork {
  name?: string;
  driver?: string;
  driver_opts?: { [key: string]: string | number };
  external?: boolean | { name?: string };
  internal?: boolean;
  labels?: RawListOrDict;
}

export interface RawVolume {
  name?: string;
  driver?: string;
  driver_opts?: { [key: string]: string | number };
  external?: boolean | { name?: string };
  labels?: RawListOrDict;
}
